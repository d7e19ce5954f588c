"""The ledger of requests: only the latest of a kind is shown, and it does not grow."""

from mlm_desktop.app.requests import RequestLedger


def test_only_the_latest_request_of_a_kind_is_accepted():
    ledger = RequestLedger()
    ledger.sent("masked_lm", 1)
    ledger.sent("masked_lm", 2)
    assert not ledger.accept("masked_lm", 1)
    assert ledger.accept("masked_lm", 2) and ledger.shown("masked_lm") == 2


def test_a_follow_up_is_accepted_only_while_its_parent_is_shown():
    ledger = RequestLedger()
    ledger.sent("masked_lm", 1)
    assert ledger.accept("masked_lm", 1)
    ledger.sent("lens", 2, parent_id=1)
    ledger.sent("masked_lm", 3)
    assert ledger.accept("masked_lm", 3)
    assert not ledger.accept("lens", 2, parent_kind="masked_lm")


def test_thousands_of_requests_leave_only_the_live_ones_behind():
    ledger = RequestLedger()
    for i in range(1, 5001, 2):
        ledger.sent("masked_lm", i)
        ledger.accept("masked_lm", i)
        ledger.sent("lens", i + 1, parent_id=i)
    assert len(ledger._parents) <= 4
    assert ledger.parent_of(ledger.latest("lens")) == ledger.shown("masked_lm")
