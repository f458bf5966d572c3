"""Rights that can be revoked while a socket is open (STYLE rule 6): when a registration is
cancelled or rejected, a host's staff membership removed, a speaker taken off a session, or an
account deactivated or deleted,
every process re-checks that person's open chat sockets against the database and closes those
that lost the right (4403). Connected in ChatConfig.ready(); the message goes out after the
write commits, through the person's group (`chat.user.<id>`, chat/hub.py)."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from chat.hub import user_group
from events.models import Registration, Session
from hosts.models import HostMembership
from profiles.models import ExpertProfile

logger = logging.getLogger(__name__)
REVOKING = (Registration.Status.CANCELLED, Registration.Status.REJECTED)


def rights_changed(*, user_id: int | None, event_id: int | None = None, host_id=None) -> None:
    """Ask every process to re-check `user_id`'s sockets (in one event's rooms, one host's
    events' rooms, or all), once the current transaction commits."""
    if user_id is None:
        return
    event = {"type": "chat.rights", "user_id": user_id, "event_id": event_id, "host_id": host_id}

    def send():
        try:
            async_to_sync(get_channel_layer().group_send)(user_group(user_id), event)
        except Exception:  # the write stands; sockets re-check at their next action
            logger.exception("chat: could not announce a change of rights")

    transaction.on_commit(send, robust=True)


def _registration_saved(sender, instance, **kwargs):
    if instance.status in REVOKING:
        rights_changed(user_id=instance.user_id, event_id=instance.event_id)


def _registration_deleted(sender, instance, **kwargs):
    rights_changed(user_id=instance.user_id, event_id=instance.event_id)


def _membership_deleted(sender, instance, **kwargs):
    rights_changed(user_id=instance.user_id, host_id=instance.host_id)


def _speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # session.speakers.remove(expert) / expert.sessions.remove(session), and clear().
    if action not in ("post_remove", "pre_clear"):
        return
    if not reverse:  # instance: a session; pk_set: expert profiles
        if action == "pre_clear":
            experts = instance.speakers.all()
        else:
            experts = ExpertProfile.objects.filter(pk__in=pk_set or ())
        for user_id in experts.values_list("user_id", flat=True):
            rights_changed(user_id=user_id, event_id=instance.event_id)
        return
    if action == "pre_clear":  # instance: an expert profile; pk_set: sessions
        sessions = instance.sessions.all()
    else:
        sessions = Session.objects.filter(pk__in=pk_set or ())
    for event_id in set(sessions.values_list("event_id", flat=True)):
        rights_changed(user_id=instance.user_id, event_id=event_id)


def _user_saved(sender, instance, **kwargs):
    if not instance.is_active or getattr(instance, "deleted_at", None):
        rights_changed(user_id=instance.pk)


def _user_deleted(sender, instance, **kwargs):
    rights_changed(user_id=instance.pk)


def connect() -> None:
    post_save.connect(_registration_saved, sender=Registration, dispatch_uid="chat.registration")
    post_delete.connect(
        _registration_deleted, sender=Registration, dispatch_uid="chat.registration_deleted"
    )
    post_delete.connect(_membership_deleted, sender=HostMembership, dispatch_uid="chat.staff")
    m2m_changed.connect(
        _speakers_changed, sender=Session.speakers.through, dispatch_uid="chat.speakers"
    )
    user = get_user_model()
    post_save.connect(_user_saved, sender=user, dispatch_uid="chat.user")
    post_delete.connect(_user_deleted, sender=user, dispatch_uid="chat.user_deleted")
