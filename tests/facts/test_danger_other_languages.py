"""Danger in Vietnamese, Indonesian and Russian: injury, fire, smoke, a child locked in, the traffic lane."""

from __future__ import annotations

import pytest

from facts.danger import mentions_danger


@pytest.mark.parametrize("text", [
    "xe bốc cháy", "có khói ở nắp capo", "xe bi chay", "người lái bị ngất", "bạn tôi bị thương, chảy máu",
    "con tôi bị nhốt trong xe", "xe chết máy giữa làn đường",
    "tabrakan di tol cikampek, ada yg luka", "teman saya berdarah", "mobil terbakar", "mobil mogok di lajur kanan tol",
    "anak terkunci di dalam mobil",
    "водитель ранен", "машина горит", "пробил колесо, дым из-под капота", "ребенок заперт в машине",
    "стою посреди дороги", "человек без сознания",
])
def test_danger(text: str) -> None:
    assert mentions_danger(text)


@pytest.mark.parametrize("text", [
    "xe không chạy được", "xe không khởi động được", "xe chết máy giữa đường", "mobil mogok di tengah jalan",
    "xe lao xuống ruộng lúa", "không có khói",
    "không ai bị thương", "xe toi bi hong", "tidak ada yang luka", "ban bocor", "aki soak",
    "никто не пострадал", "аккумулятор сел", "горит чек", "горит лампочка давления масла", "пробил колесо",
])
def test_not_danger(text: str) -> None:
    assert not mentions_danger(text)


@pytest.mark.parametrize("text", ["mesin berasap parah", "keluar asap dari kap mesin", "saya dilecehkan orang",
                                  "bị bám theo", "có người quấy rối tôi", "ко мне пристает какой-то мужик",
                                  "меня преследуют"])
def test_smoke_and_threatening_people_are_danger(text: str) -> None:
    assert mentions_danger(text)


@pytest.mark.parametrize("text", ["tolong derek asap", "perlu derek ASAP"])
def test_asap_is_not_smoke(text: str) -> None:
    assert not mentions_danger(text)
