import pytest
from websockets.frames import Frame, Opcode

from chat.hub import text_frame


@pytest.mark.parametrize("length", [0, 5, 125, 126, 200, 65535, 65536, 70000])
def test_text_frame_matches_the_websockets_library(length):
    text = ("问" * length)[: max(0, length // 3)] + "x" * (
        length - len("问".encode()) * (length // 3)
    )
    expected = Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[])
    assert text_frame(text) == expected
