"""Sending a `django.dispatch` signal once after commit, with the ids of what changed.

An app that may not import the apps above it tells them that records changed through a signal
whose receivers get `pks`: the ids changed in the transaction, in order, each once — an import
of a thousand rows makes one send, not a thousand — after the transaction commits; nothing is
sent on rollback.
"""

from django.db import transaction
from django.dispatch import Signal


def send_after_commit(signal: Signal, *, sender, pk: int) -> None:
    """Add `pk` to this connection's batch for (`signal`, `sender`), sent once after commit as
    `signal.send(sender=sender, pks=[...])`.

    Every call registers an on-commit callback; the first to run takes the whole batch and the
    others find it empty. A callback lost with a rolled-back savepoint therefore loses nothing
    committed. Ids of rolled-back rows may be sent with a later batch: receivers must accept
    ids of records that no longer exist.
    """
    if not signal.has_listeners(sender):
        return
    connection = transaction.get_connection()
    batches = connection.__dict__.setdefault("_signal_batches", {})
    key = (id(signal), sender)
    batch = batches.setdefault(key, [])
    if pk not in batch:
        batch.append(pk)

    def flush():
        pks = batches.pop(key, [])
        if pks:
            signal.send(sender=sender, pks=list(pks))

    transaction.on_commit(flush)
