"""citefmt.bulk: cycle collection paused while long-lived data is built, and restored."""

import gc

from citefmt.bulk import no_cycle_collection


def test_collection_is_paused_inside_and_restored_after_even_on_error():
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    try:
        with no_cycle_collection():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()


def test_a_caller_that_disabled_collection_keeps_it_disabled():
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
