from django.urls import path

from chat.consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/sessions/<int:session_id>/", ChatConsumer.as_asgi(), name="chat-session"),
    path("ws/events/<int:event_id>/lobby/", ChatConsumer.as_asgi(), name="chat-lobby"),
]
