from django import forms

from profiles.models import Company, ExpertProfile
from profiles.services import COMPANY_EDITABLE, EXPERT_EDITABLE


class ExpertProfileForm(forms.ModelForm):
    class Meta:
        model = ExpertProfile
        fields = EXPERT_EDITABLE
        widgets = {"research_summary": forms.Textarea(attrs={"rows": 5})}


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = COMPANY_EDITABLE
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
