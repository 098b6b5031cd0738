import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from accounts.demo import demo_device


class Command(BaseCommand):
    help = "显示演示账号当前的二次验证码（只对 load_demo 创建的演示验证器有效）"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = demo_device(username)
        if device is None:
            raise CommandError(f"“{username}”没有演示验证器：本命令只用于 load_demo 创建的演示账号。")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        left = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}（{left}秒内有效，每个验证码只能使用一次）")
