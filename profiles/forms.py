from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.credit_code import normalize_credit_code, validate_credit_code
from profiles.models import Company, CooperationForm, ExpertProfile
from profiles.services import COMPANY_EDITABLE, EXPERT_EDITABLE
from profiles.text import split_labels


class LinesField(forms.CharField):
    """A list of strings edited as one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class LabelsField(forms.CharField):
    """A list of short labels edited as one line separated by commas or 、."""

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return split_labels(value or "")


class ExpertProfileForm(forms.ModelForm):
    achievements = LinesField(
        label=_("Achievements"),
        required=False,
        help_text=_("Papers, patents, projects: one per line, the most important first."),
    )
    cooperation_forms = forms.MultipleChoiceField(
        label=_("Forms of cooperation offered"),
        choices=CooperationForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = LabelsField(
        label=_("Languages"),
        required=False,
        help_text=_("For example: 中文、English"),
    )

    class Meta:
        model = ExpertProfile
        fields = EXPERT_EDITABLE
        widgets = {"research_summary": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "fields_text": _(
                "Separated by commas or 、. Fields the topic list knows link you to its topics; "
                "others are kept as keywords."
            ),
        }


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = COMPANY_EDITABLE
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_credit_code(self):
        code = normalize_credit_code(self.cleaned_data.get("credit_code", ""))
        validate_credit_code(code)
        return code


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email address"))


class ClaimForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my profile is shown as set."),
        required=True,
    )


class ImportUploadForm(forms.Form):
    host = forms.ModelChoiceField(label=_("Host"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8 or GB18030) or Excel XLSX, with a header row.")
    )

    def __init__(self, *args, hosts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts


class TopicSynonymForm(forms.Form):
    term = forms.CharField(label=_("Synonym"), max_length=100)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("zh", _("Chinese")), ("en", _("English"))]
    )
