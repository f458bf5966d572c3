"""ASGI plumbing for the chat sockets."""


class ServerSendMiddleware:
    """Keep the server's own `send` in the scope as `chat.send`.

    The room hub sends each frame to hundreds of sockets; the session middleware's wrapper
    around `send` only acts on HTTP responses yet inspects the session on every call, so the
    hub's WebSocket frames go straight to the server. Place it outside AuthMiddlewareStack."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        return await self.inner({**scope, "chat.send": send}, receive, send)
