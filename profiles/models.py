from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from hosts.models import Host
from profiles.credit_code import validate_credit_code


class Topic(models.Model):
    """A subject of expertise or need in the bilingual taxonomy (staff maintain it in the admin).

    The slug is the stable identifier other code and stored data refer to; names and synonyms
    may be edited freely. Synonyms are lists of strings, matched case-insensitively.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=150)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent topic"),
    )
    synonyms_zh = models.JSONField(_("Chinese synonyms"), default=list, blank=True)
    synonyms_en = models.JSONField(_("English synonyms"), default=list, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name_zh} / {self.name_en}"

    @property
    def label(self) -> str:
        """The name in the active language (Chinese unless English is active)."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    @property
    def terms(self) -> list[str]:
        """Every name and synonym, Chinese and English, as written."""
        return [self.name_zh, self.name_en, *self.synonyms_zh, *self.synonyms_en]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in users")
    ORGANIZERS = "organizers", _("Organizers only")


class CooperationForm(models.TextChoices):
    CONSULTING = "consulting", _("Consulting")
    JOINT_RD = "joint_rd", _("Joint R&D")
    PART_TIME = "part_time", _("Part-time post")
    TRAINING = "training", _("Training or lecture")
    TALENT = "talent", _("Talent recommendation")


class ExpertProfile(models.Model):
    """A scholar or engineer who offers their knowledge to companies.

    An imported profile stays unclaimed (`claimed_at` empty) until its expert claims it and
    consents to the privacy notice; until then only the importing host's staff see it.
    """

    class Degree(models.TextChoices):
        DOCTORATE = "doctorate", _("Doctorate")
        MASTER = "master", _("Master's degree")
        BACHELOR = "bachelor", _("Bachelor's degree")
        OTHER = "other", _("Other")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profile",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title"), max_length=100, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    fields_text = models.CharField(
        _("fields"),
        max_length=500,
        blank=True,
        help_text=_("Your fields of expertise, separated by commas."),
    )
    research_summary = models.TextField(_("research summary"), blank=True)
    availability = models.CharField(_("availability"), max_length=300, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    wechat = models.CharField(_("WeChat ID"), max_length=60, blank=True)
    highest_degree = models.CharField(
        _("highest degree"), max_length=20, choices=Degree.choices, blank=True
    )
    topics = models.ManyToManyField(
        Topic, related_name="experts", blank=True, verbose_name=_("topics")
    )
    keywords = models.JSONField(_("free keywords"), default=list, blank=True)
    tokens = models.JSONField(_("search tokens"), default=list, blank=True, editable=False)
    achievements = models.JSONField(_("achievements"), default=list, blank=True)
    cooperation_forms = models.JSONField(
        _("forms of cooperation offered"), default=list, blank=True
    )
    max_active_engagements = models.PositiveSmallIntegerField(
        _("maximum active engagements"), default=3
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    matching_opt_out = models.BooleanField(_("do not suggest me in matching"), default=False)
    visibility = models.CharField(
        _("profile visible to"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    claim_token = models.CharField(
        _("claim token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    imported_by = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imported_experts",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["name"]
        # The directory's order: a page is read from the index instead of sorting every row.
        indexes = [models.Index(fields=["name", "id"], name="expert_name_id")]

    def __str__(self):
        return f"{self.name}（{self.institution}）" if self.institution else self.name

    @property
    def is_claimed(self) -> bool:
        return self.claimed_at is not None

    @property
    def cooperation_form_labels(self) -> list[str]:
        labels = dict(CooperationForm.choices)
        return [str(labels.get(v, v)) for v in self.cooperation_forms]


class Company(Bilingual, models.Model):
    """An enterprise whose members post needs; its first member administers it."""

    class Industry(models.TextChoices):
        """The top-level sections (门类) of GB/T 4754-2017."""

        A = "A", _("Agriculture, forestry, animal husbandry and fishery")
        B = "B", _("Mining")
        C = "C", _("Manufacturing")
        D = "D", _("Electricity, heat, gas and water production and supply")
        E = "E", _("Construction")
        F = "F", _("Wholesale and retail trade")
        G = "G", _("Transport, storage and postal services")
        H = "H", _("Accommodation and catering")
        I = "I", _("Information transmission, software and IT services")  # noqa: E741
        J = "J", _("Finance")
        K = "K", _("Real estate")
        L = "L", _("Leasing and business services")
        M = "M", _("Scientific research and technical services")
        N = "N", _("Water conservancy, environment and public facilities management")
        O = "O", _("Resident services, repair and other services")  # noqa: E741
        P = "P", _("Education")
        Q = "Q", _("Health and social work")
        R = "R", _("Culture, sports and entertainment")
        S = "S", _("Public administration, social security and social organisations")
        T = "T", _("International organisations")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro (under 10 people)")
        SMALL = "small", _("Small (10–99 people)")
        MEDIUM = "medium", _("Medium (100–999 people)")
        LARGE = "large", _("Large (1,000 people or more)")

    class Stage(models.TextChoices):
        STARTUP = "startup", _("Start-up")
        GROWTH = "growth", _("Growth")
        MATURE = "mature", _("Mature")
        LISTED = "listed", _("Listed")

    name = models.CharField(_("name"), max_length=200, unique=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, as printed on the business licence."),
    )
    industry = models.CharField(_("industry"), max_length=100, choices=Industry.choices, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    district_en = models.CharField(_("district in English"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subsidiaries",
        verbose_name=_("parent organisation"),
    )
    parent_name = models.CharField(
        _("parent organisation (name)"),
        max_length=200,
        blank=True,
        help_text=_("The group or company that controls this one, if any."),
    )
    description = models.TextField(_("description"), blank=True)
    stage = models.CharField(
        _("development stage"), max_length=10, choices=Stage.choices, blank=True
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        Host,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verified_companies",
        verbose_name=_("verified by"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CompanyMembership",
        related_name="companies",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "id"], name="company_name_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="company_unique_credit_code",
                violation_error_code="credit_code_taken",
                violation_error_message=_(
                    "Another company is registered with this unified social credit code."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class CompanyMembership(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(_("administers the company"), default=False)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("company membership")
        verbose_name_plural = _("company memberships")
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="companymembership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.company}"


class CompanyInvitation(models.Model):
    """An emailed link by which a company's administrator brings in a colleague."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("company")
    )
    email = models.EmailField(_("email address"))
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("company invitation")
        verbose_name_plural = _("company invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.company}"


class ImportBatch(models.Model):
    """An uploaded file of experts or needs, parsed and waiting for the organizer's confirmation.

    Nothing else is written before `applied_at`; the parsed rows are kept here so the confirmed
    import is exactly what the preview showed.
    """

    class Kind(models.TextChoices):
        EXPERTS = "experts", _("Experts")
        NEEDS = "needs", _("Needs")

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="import_batches", verbose_name=_("host")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("parsed rows"), default=list)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.filename}"
