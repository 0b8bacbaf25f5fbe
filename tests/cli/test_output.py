"""Export writers: flattening models into CSV cells, JSONL lines, format choice."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from smartlead_async.cli._output import (
    CsvWriter,
    JsonlWriter,
    cell,
    flatten,
    open_output,
    output_format,
)
from smartlead_async.models.analytics import CampaignAnalytics
from smartlead_async.models.common import Percent


def analytics(**extra: object) -> CampaignAnalytics:
    return CampaignAnalytics.from_dict(
        {
            "id": 7,
            "name": "Q1",
            "sent_count": "12",
            "open_rate": "50%",
            "created_at": "2026-01-02T03:04:05Z",
            "campaign_lead_stats": {"total": "3", "inprogress": 1},
            "tags": [{"tag_id": 1, "tag_name": "vip"}],
            **extra,
        }
    )


def test_cells():
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell(Percent(50.0, "50%")) == "50%"
    assert cell(Percent(0.5)) == 0.5
    assert cell(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00+00:00"
    assert cell({"b": [1, 2]}) == '{"b":[1,2]}'
    assert cell(3) == 3


def test_flatten_nests_models_and_keeps_unknown_keys():
    row = flatten(analytics(brand_new="yes"))

    assert row["id"] == 7 and row["sent_count"] == 12
    assert row["open_rate"] == "50%"
    assert row["campaign_lead_stats.total"] == 3
    assert row["campaign_lead_stats.in_progress"] == 1
    assert json.loads(row["tags"])[0]["tag_name"] == "vip"
    assert row["brand_new"] == "yes"
    assert row["created_at"] == "2026-01-02T03:04:05+00:00"


def test_csv_writer_takes_the_header_from_the_first_record():
    stream = io.StringIO()
    writer = CsvWriter(stream)
    writer.write(analytics())
    writer.write(analytics(later_key="dropped"))

    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert writer.count == 2
    assert [row["id"] for row in rows] == ["7", "7"]
    assert "later_key" not in rows[1]


def test_jsonl_writer_writes_the_wire_json():
    stream = io.StringIO()
    writer = JsonlWriter(stream)
    writer.write(analytics())

    line = json.loads(stream.getvalue())
    assert line["campaign_lead_stats"]["inprogress"] == 1  # wire name
    assert line["open_rate"] == "50%"
    assert stream.getvalue().count("\n") == 1


def test_output_format_choice():
    assert output_format("csv", "x.jsonl", json_flag=True) == "csv"
    assert output_format(None, "x.ndjson", json_flag=False) == "jsonl"
    assert output_format(None, "x.csv", json_flag=True) == "csv"
    assert output_format(None, None, json_flag=True) == "jsonl"
    assert output_format(None, "-", json_flag=False) == "csv"


def test_open_output_refuses_a_directory(tmp_path):
    import pytest

    from smartlead_async.cli._common import CliError

    with pytest.raises(CliError, match="is a directory"), open_output(str(tmp_path)):
        pass
