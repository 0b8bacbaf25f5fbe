"""Realistic response samples of the Smartlead API, by endpoint (see ``tests/test_corpus.py``)."""
