"""The daily 待办 e-mail: the right items and absolute links, once a day, not to those who turned it off."""

import email
import io
import socket
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from core.models import TodoDigest
from inspections.models import HazardStatus
from tests.inspections.factories import HazardFactory

TODAY = timezone.localdate()
PORTAL = "https://edu.example.gov.cn"


@pytest.fixture
def portal_url(settings):
    settings.PORTAL_URL = PORTAL


@pytest.fixture
def returned(school_admin_a, school_b):
    school_admin_a.email = "jia@example.edu.cn"
    school_admin_a.save()
    HazardFactory(organization=school_b, description="别校的隐患", status=HazardStatus.RETURNED, return_reason="别校")
    return HazardFactory(
        organization=school_admin_a.organization,
        description="消防通道堆放杂物",
        status=HazardStatus.RETURNED,
        returned_on=TODAY - timedelta(days=1),
        return_reason="照片未显示通道已清理",
    )


def run_job():
    """The timer's command: it enqueues the task, which the tests' immediate task backend runs at once."""
    call_command("send_todo_digest", stdout=io.StringIO())


@pytest.mark.django_db
class TestInMemory:
    def test_digest_lists_the_items_with_absolute_links(self, mailoutbox, portal_url, returned):
        run_job()
        [mail] = mailoutbox
        assert mail.to == ["jia@example.edu.cn"]
        assert "待办事项" in mail.subject
        link = f"{PORTAL}/inspections/hazards/{returned.pk}/"
        assert "消防通道堆放杂物" in mail.body and link in mail.body and "照片未显示通道已清理" in mail.body
        assert "别校的隐患" not in mail.body
        html, mimetype = mail.alternatives[0]
        assert mimetype == "text/html" and f'href="{link}"' in html
        assert f"{PORTAL}/accounts/preferences/" in mail.body  # how to turn it off

    def test_sent_once_a_day(self, mailoutbox, returned, school_admin_a):
        run_job()
        run_job()
        assert len(mailoutbox) == 1
        assert TodoDigest.objects.get(user=school_admin_a).day == TODAY

    def test_opting_out_stops_it(self, mailoutbox, returned, school_a_client, school_admin_a):
        response = school_a_client.post("/accounts/preferences/", {})  # the box unticked
        assert response.status_code == 302
        school_admin_a.refresh_from_db()
        assert not school_admin_a.todo_digest
        run_job()
        assert mailoutbox == []

    def test_nothing_to_do_no_mail(self, mailoutbox, leader):
        leader.email = "leader@example.gov.cn"
        leader.save()
        run_job()
        assert mailoutbox == []

    def test_no_address_no_mail(self, mailoutbox, returned, school_admin_a):
        school_admin_a.email = ""
        school_admin_a.save()
        run_job()
        assert mailoutbox == [] and not TodoDigest.objects.exists()

    def test_preferences_page(self, school_a_client):
        page = school_a_client.get("/accounts/preferences/").content.decode()
        assert "接收每日待办邮件" in page and "checked" in page


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_digest_arrives_on_a_real_smtp_server(smtp_server, portal_url, returned, bureau_staff):
    bureau_staff.email = "staff@example.gov.cn"
    bureau_staff.save()
    HazardFactory(organization=returned.organization, status=HazardStatus.SUBMITTED, description="已整改待核验")
    run_job()
    received = {
        tuple(e.rcpt_tos): email.message_from_bytes(e.original_content, policy=policy.default)
        for e in smtp_server.messages
    }
    assert set(received) == {("jia@example.edu.cn",), ("staff@example.gov.cn",)}
    school = received[("jia@example.edu.cn",)]
    text = school.get_body(("plain",)).get_content()
    html = school.get_body(("html",)).get_content()
    assert "待办事项" in school["Subject"]
    assert "整改被退回" in text and "照片未显示通道已清理" in text
    assert f'href="{PORTAL}/inspections/hazards/{returned.pk}/"' in html
    staff = received[("staff@example.gov.cn",)].get_body(("plain",)).get_content()
    assert "整改待核验" in staff and "已整改待核验" in staff and "照片未显示" not in staff
    run_job()  # the same day again: nothing more
    assert len(smtp_server.messages) == 2
