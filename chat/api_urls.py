from django.urls import path

from chat import api

urlpatterns = [
    path("chat/tickets/", api.TicketView.as_view(), name="chat-tickets"),
]
