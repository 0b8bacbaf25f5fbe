"""Client routes K1-K6, the one-off email U1 and CRM notes/tasks/tags N1-N5 over plain HTTP."""

from __future__ import annotations

from smartlead_async.testing.state import Note, Task
from tests.helpers.sandbox_api import Api


async def test_clients_create_list_update(api: Api) -> None:
    created = await api.ok(
        "POST",
        "/client/save",
        {"name": "Acme", "email": "ops@acme.io", "permission": ["reply_master_inbox"]},
    )
    assert created["permissions"] == ["reply_master_inbox"] and created["ok"] is True
    listed = await api.ok("GET", "/client/")
    assert isinstance(listed, list) and listed[0]["id"] == created["id"]
    assert listed[0]["client_permision"] == {
        "permission": ["reply_master_inbox"],
        "retricted_category": [],
    }
    await api.ok("POST", "/client/save", {"id": created["id"], "name": "Acme Inc"})
    assert (await api.ok("GET", "/client"))[0]["name"] == "Acme Inc"
    for body, message in [
        ({"name": "Dup", "email": "OPS@acme.io"}, "already exists"),
        ({"name": "No email"}, '"email" is required'),
        ({"name": "Bad", "email": "nope"}, "not a valid email"),
        ({"name": "P", "email": "p@x.io", "permission": ["god_mode"]}, "permission"),
    ]:
        status, answer = await api.post("/client/save", body)
        assert status == 400 and message in answer["message"], body
    status, _ = await api.post("/client/save", {"id": 999, "name": "Ghost"})
    assert status == 404


async def test_client_api_keys_lifecycle(api: Api) -> None:
    client = await api.ok("POST", "/client/save", {"name": "C", "email": "c@c.io"})
    created = (
        await api.ok("POST", "/client/api-key", {"clientId": client["id"], "keyName": "CI key_1"})
    )["data"]
    assert created["status"] == "active" and created["apiKey"].startswith("slc_")
    listed = await api.ok("GET", "/client/api-key", clientId=client["id"], status="active")
    assert [k["id"] for k in listed["data"]] == [created["id"]]
    assert (await api.ok("GET", "/client/api-key", keyName="nomatch"))["data"] == []
    reset = (await api.ok("PUT", f"/client/api-key/reset/{created['id']}"))["data"]
    assert reset["apiKey"] != created["apiKey"]
    status, _ = await api.call("GET", "/campaigns/", key=created["apiKey"])
    assert status == 401
    status, _ = await api.call("GET", "/campaigns/", key=reset["apiKey"])
    assert status == 200
    await api.ok("DELETE", f"/client/api-key/{created['id']}")
    status, _ = await api.call("DELETE", f"/client/api-key/{created['id']}")
    assert status == 404
    status, body = await api.post(
        "/client/api-key", {"clientId": client["id"], "keyName": "bad!name"}
    )
    assert status == 400 and "keyName" in body["message"]
    status, body = await api.post("/client/api-key", {"clientId": 12345, "keyName": "x"})
    assert status == 400 and "does not exist" in body["message"]


async def test_send_one_off_email(api: Api) -> None:
    account = api.server.seed_email_accounts(1)[0]
    account.daily_sent_count = 0
    body = {
        "to": "lead@x.io",
        "subject": "Hi",
        "body": "<p>Hi</p>",
        "fromEmail": account.from_email,
    }
    sent = await api.ok("POST", "/send-email/initiate", body)
    assert sent["data"]["from"] == account.from_email and account.daily_sent_count == 1
    by_id = {**body, "fromEmail": None, "fromEmailId": account.id}
    await api.ok("POST", "/send-email/initiate", by_id)
    for change, message in [
        ({"fromEmail": None}, "fromEmailId"),
        ({"to": "nope"}, "not a valid email"),
        ({"subject": ""}, "must not be empty"),
        ({"fromEmail": "ghost@x.io"}, "no email account"),
    ]:
        status, answer = await api.post("/send-email/initiate", {**body, **change})
        assert status == 400 and message in answer["message"], change
    account.daily_sent_count = account.message_per_day
    status, answer = await api.post("/send-email/initiate", body)
    assert status == 400 and "daily sending limit" in answer["message"]


async def test_crm_notes_tasks_tags(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=2, history=False)
    row = sb.state.campaign_leads[camp.lead_map_ids.page(0, 1)[0]]
    now = sb.state.now()
    row.notes.append(Note(1, "Called them", now))
    row.tasks.append(Task(1, "Follow up", now, priority="HIGH"))
    notes = await api.ok("GET", f"/crm/leads/notes/{row.lead_id}")
    assert [(n["note_message"], n["email_lead_map_id"]) for n in notes["data"]] == [
        ("Called them", row.id)
    ]
    tasks = await api.ok("GET", f"/crm/leads/tasks/{row.lead_id}")
    assert tasks["data"][0]["priority"] == "HIGH"
    status, _ = await api.get("/crm/leads/notes/1")
    assert status == 404
    tag = (await api.ok("POST", "/tags", {"name": "VIP"}))["data"]
    added = await api.ok(
        "POST", "/crm/leads/tags", {"leadId": row.lead_id, "tagIds": [tag["id"], tag["id"]]}
    )
    assert len(added["data"]) == 1 and added["data"][0]["name"] == "VIP"
    again = await api.ok("POST", "/crm/leads/tags", {"leadId": row.lead_id, "tagIds": [tag["id"]]})
    assert again["data"][0]["id"] == added["data"][0]["id"]
    listed = await api.ok("GET", "/crm/leads/tags", leadId=row.lead_id)
    assert [m["tag_id"] for m in listed["data"]] == [tag["id"]]
    await api.ok("DELETE", f"/crm/leads/tags/{added['data'][0]['id']}")
    assert (await api.ok("GET", "/crm/leads/tags", leadId=row.lead_id))["data"] == []
    status, body = await api.get("/crm/leads/tags")
    assert status == 400 and "leadId is required" in body["message"]
    status, body = await api.post("/crm/leads/tags", {"leadId": row.lead_id, "tagIds": [999]})
    assert status == 400 and "999" in body["message"]
