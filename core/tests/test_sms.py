"""core.sms: texts queued after commit, and the two providers' signed HTTP calls, mocked at the
HTTP boundary (`responses`), the clock and the nonce fixed."""

import json
from urllib.parse import parse_qsl

import pytest
import requests
import responses
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from core import sms
from core.sms import backends

ALIYUN_URL = "https://dysmsapi.aliyuncs.com/"
TENCENT_URL = "https://sms.tencentcloudapi.com/"
TIMESTAMP = 1700000000  # 2023-11-14T22:13:20Z
NONCE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(backends, "_timestamp", lambda: TIMESTAMP)
    monkeypatch.setattr(backends, "_nonce", lambda: NONCE)


@pytest.fixture
def aliyun(settings, fixed_clock):
    settings.SMS_BACKEND = "aliyun"
    settings.SMS_ALIYUN_ACCESS_KEY_ID = "LTAIexample"
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "secretexample"
    settings.SMS_SIGN_NAME = "驿站"
    settings.SMS_TEMPLATES = {"verification_code": "SMS_123456789"}


@pytest.fixture
def tencent(settings, fixed_clock):
    settings.SMS_BACKEND = "tencent"
    settings.SMS_TENCENT_SECRET_ID = "AKIDexample"
    settings.SMS_TENCENT_SECRET_KEY = "secretkeyexample"
    settings.SMS_TENCENT_SDK_APP_ID = "1400000000"
    settings.SMS_SIGN_NAME = "驿站"
    settings.SMS_TEMPLATES = {"verification_code": "SMS_123456789"}


def _send(to="+8613800138000"):
    return sms.send_sms_now(
        to=to, template="verification_code", params={"code": "654321"}, language="zh-hans"
    )


# --- Queueing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sms_send_sends_after_commit_in_the_recipients_language(
    sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sms.sms_send(
            to="+8613800138000", template="verification_code", params={"code": 123456},
            language="en",
        )  # fmt: skip
    assert [(m.to, m.template, m.params, m.text) for m in sms_outbox] == [
        (
            "+8613800138000",
            "verification_code",
            {"code": "123456"},
            "Your Yizhan code is 123456. Do not share it with anyone.",
        )
    ]


@pytest.mark.django_db
def test_sms_send_in_chinese(sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms.sms_send(
            to="+8613800138000", template="verification_code", params={"code": "123456"},
            language="zh-hans",
        )  # fmt: skip
    assert sms_outbox[0].text == "您的驿站验证码为 123456，请勿告诉他人。"


@pytest.mark.django_db(transaction=True)
def test_sms_send_sends_nothing_when_the_transaction_rolls_back(sms_outbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        sms.sms_send(to="+8613800138000", template="verification_code", params={"code": "1"})
        raise RuntimeError
    assert sms_outbox == []


def test_sms_send_refuses_a_number_not_in_e164_form():
    with pytest.raises(ValueError, match="E.164"):
        sms.sms_send(to="13800138000", template="verification_code", params={"code": "1"})


def test_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "console"
    assert _send() == "console"
    assert capsys.readouterr().out == (
        "SMS to +8613800138000 [verification_code]: 您的驿站验证码为 654321，请勿告诉他人。\n"
    )


# --- Alibaba Cloud -----------------------------------------------------------------------------


def test_aliyun_signature_matches_the_documented_example():
    # Alibaba Cloud's worked example of its RPC signature (version 1.0), method GET.
    params = {
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    signature = backends.aliyun_signature(params, secret="testsecret", method="GET")
    assert signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


@responses.activate
def test_aliyun_sends_a_signed_sendsms_request(aliyun):
    responses.post(
        ALIYUN_URL,
        json={"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "R1"},
    )
    assert _send() == "900619746936498440^0"
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", ALIYUN_URL)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(request.body)) == {
        "AccessKeyId": "LTAIexample",
        "Action": "SendSms",
        "Format": "JSON",
        "PhoneNumbers": "13800138000",
        "RegionId": "cn-hangzhou",
        "SignName": "驿站",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": NONCE,
        "SignatureVersion": "1.0",
        "TemplateCode": "SMS_123456789",
        "TemplateParam": '{"code":"654321"}',
        "Timestamp": "2023-11-14T22:13:20Z",
        "Version": "2017-05-25",
        "Signature": "3nYE9B+BfKhzU6rM+oTI4AyY/WE=",
    }


@responses.activate
def test_aliyun_sends_numbers_abroad_with_their_country_code(aliyun):
    responses.post(ALIYUN_URL, json={"Code": "OK", "BizId": "1"})
    _send(to="+85261234567")
    assert dict(parse_qsl(responses.calls[0].request.body))["PhoneNumbers"] == "85261234567"


@responses.activate
def test_aliyun_refusal_raises_and_logs_without_the_whole_number(aliyun, caplog):
    responses.post(
        ALIYUN_URL, json={"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控"}
    )
    with pytest.raises(sms.SmsError) as error:
        _send()
    assert str(error.value) == "aliyun: isv.BUSINESS_LIMIT_CONTROL 触发分钟级流控"
    assert caplog.messages == [
        "aliyun refused an SMS to +86…8000: isv.BUSINESS_LIMIT_CONTROL 触发分钟级流控"
    ]


@responses.activate
def test_aliyun_unreachable_raises_sms_error(aliyun):
    responses.post(ALIYUN_URL, body=requests.exceptions.ConnectionError("down"))
    with pytest.raises(sms.SmsError, match="aliyun: ConnectionError"):
        _send()


def test_aliyun_without_credentials_is_improperly_configured(aliyun, settings):
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="SMS_ALIYUN_ACCESS_KEY_SECRET"):
        _send()


def test_aliyun_without_a_template_id_is_improperly_configured(aliyun, settings):
    settings.SMS_TEMPLATES = {"verification_code": ""}
    with pytest.raises(ImproperlyConfigured, match="SMS_TEMPLATE_VERIFICATION_CODE"):
        _send()


# --- Tencent Cloud -----------------------------------------------------------------------------


def test_tencent_authorization_matches_tencent_clouds_sdk():
    # The value tencentcloud-sdk-python-common computes for this request (same keys, clock and
    # body: its own `json.dumps` of the parameters).
    payload = json.dumps(
        {
            "PhoneNumberSet": ["+8613800138000"],
            "SmsSdkAppId": "1400000000",
            "SignName": "驿站",
            "TemplateId": "123",
            "TemplateParamSet": ["654321"],
        }
    ).encode()
    authorization = backends.tencent_authorization(
        secret_id="AKIDexample",
        secret_key="secretkeyexample",
        host="sms.tencentcloudapi.com",
        payload=payload,
        timestamp=TIMESTAMP,
    )
    assert authorization == (
        "TC3-HMAC-SHA256 Credential=AKIDexample/2023-11-14/sms/tc3_request, "
        "SignedHeaders=content-type;host, "
        "Signature=656ba5ad3779b60ebe86626d790188e60e4c468a8f1810e5660c824d4f0aa293"
    )


@responses.activate
def test_tencent_sends_a_signed_sendsms_request(tencent):
    responses.post(
        TENCENT_URL,
        json={
            "Response": {
                "SendStatusSet": [
                    {"SerialNo": "2640:1", "PhoneNumber": "+8613800138000", "Code": "Ok"}
                ],
                "RequestId": "R1",
            }
        },
    )
    assert _send() == "2640:1"
    request = responses.calls[0].request
    assert (request.method, request.url) == ("POST", TENCENT_URL)
    assert (
        request.body
        == (
            '{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400000000","SignName":"驿站",'
            '"TemplateId":"SMS_123456789","TemplateParamSet":["654321"]}'
        ).encode()
    )
    assert {k: request.headers[k] for k in TENCENT_HEADERS} == {
        "Authorization": (
            "TC3-HMAC-SHA256 Credential=AKIDexample/2023-11-14/sms/tc3_request, "
            "SignedHeaders=content-type;host, "
            "Signature=485203b5322c0a2714ea6870b53e6bd317ffe7f722d9ae54723e03731366fd76"
        ),
        "Content-Type": "application/json",
        "Host": "sms.tencentcloudapi.com",
        "X-TC-Action": "SendSms",
        "X-TC-Timestamp": "1700000000",
        "X-TC-Version": "2021-01-11",
        "X-TC-Region": "ap-guangzhou",
    }


TENCENT_HEADERS = [
    "Authorization",
    "Content-Type",
    "Host",
    "X-TC-Action",
    "X-TC-Timestamp",
    "X-TC-Version",
    "X-TC-Region",
]


@responses.activate
def test_tencent_api_error_raises(tencent):
    responses.post(
        TENCENT_URL,
        json={
            "Response": {
                "Error": {"Code": "AuthFailure.SignatureFailure", "Message": "签名错误"},
                "RequestId": "R1",
            }
        },
    )
    with pytest.raises(sms.SmsError) as error:
        _send()
    assert str(error.value) == "tencent: AuthFailure.SignatureFailure 签名错误"


@responses.activate
def test_tencent_refused_number_raises(tencent):
    responses.post(
        TENCENT_URL,
        json={
            "Response": {
                "SendStatusSet": [
                    {"Code": "InvalidParameterValue.IncorrectPhoneNumber", "Message": "号码错误"}
                ],
                "RequestId": "R1",
            }
        },
    )
    with pytest.raises(sms.SmsError) as error:
        _send()
    assert str(error.value) == "tencent: InvalidParameterValue.IncorrectPhoneNumber 号码错误"
