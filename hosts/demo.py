"""Demo: the talent station that hosts the forum, and its organizer account."""

from accounts.demo import demo_user
from accounts.models import UserRole
from core.demo import DemoContext
from hosts.models import Host, HostMembership

HOST_SLUG = "xihaian-fintech-station"
ORGANIZER_EMAIL = "organizer@demo.yizhan.local"


def seed(ctx: DemoContext) -> None:
    host, created = Host.objects.get_or_create(
        slug=HOST_SLUG,
        defaults={
            "name": "博士小镇（青岛•西海岸）金融科创驿站",
            "name_en": "Doctor Town (Qingdao West Coast) Fintech Innovation Station",
            "description": "青岛西海岸新区的金融科创人才服务站：组织专家与企业座谈，跟踪企业需求直至解决。",
            "status": Host.Status.APPROVED,
        },
    )
    if created:
        ctx.changed(f"created host {host.name}")
    organizer = demo_user(
        ctx, email=ORGANIZER_EMAIL, name="驿站组织者", role=UserRole.ORGANIZER, label="organizer"
    )
    HostMembership.objects.get_or_create(
        host=host, user=organizer, defaults={"role": HostMembership.Role.OWNER}
    )
