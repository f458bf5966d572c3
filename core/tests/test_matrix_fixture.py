import pytest

from conftest import ACTORS


@pytest.mark.parametrize("name", ACTORS)
def test_world_has_every_actor(world, name):
    user = world.actor(name)
    assert (user is None) == (name == "anonymous")
