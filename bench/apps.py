from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's data command. No models, no URLs: nothing of it reaches the site."""

    name = "bench"
    label = "bench"
    verbose_name = "Đo hiệu năng"
