"""Parts added up span claims: under `mkdocs serve`, a save to a part's claim re-checks and re-renders the
claim of the total, though that claim's own file did not change (the plugin in-process, fixture claims)."""
from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from scratch import scratch_repository

HEAD = """claim: {claim}
title: {title}
bottom_line: The figures are fixture data for a test.
verdict: disputed
claimant: sk-jcs
measure: {measure}
published: "2026-11-21"
last_reviewed: "2026-12-01"
translator: Test editors
analysis: Fixture.
corrections: []
sources:
"""
# The first wave and a total over the past year, in one claim; the reinforcements, a part, in another.
WAVE = HEAD.format(claim="About 11,000 troops were sent in the first wave", title="The first wave?",
                   measure="nk-troops-first-wave") + """  - article: kompastv-mar2025
    quote: dari 11.000 tentara Korut yang dikirim pertama kali ke Rusia
    translation: of the 11,000 North Korean soldiers first sent to Russia
    originator: sk-jcs
    date: "2025-03-27"
    stance: supports
    figure:
      value: 11000
      unit: troops
      period: {from: "2024-10", to: "2024-12"}
  - article: lavrov-jul2025
    quote: Pejabat Barat percaya Pyongyang telah mengirim sekitar 11.000 pasukan ke Rusia dalam setahun terakhir
    translation: Western officials believe Pyongyang has sent about 11,000 troops to Russia over the past year
    originator: western-officials
    date: "2025-07"
    stance: supports
    figure:
      value: 11000
      qualifier: about
      unit: troops
      measure: nk-troops-sent
      period: {from: "2024-07", to: "2025-07"}
"""
MORE = HEAD.format(claim="3,000 more troops were sent", title="Reinforcements?",
                   measure="nk-troops-reinforcements") + """  - article: kompastv-mar2025
    quote: tambahan 3.000 tentara telah dikirimkan antara Januari dan Februari sebagai bala bantuan
    translation: an additional 3,000 soldiers were sent between January and February as reinforcements
    originator: sk-jcs
    date: "2025-03-27"
    stance: supports
    figure:
      value: 3000
      unit: troops
      period: {from: "2025-01", to: "2025-02"}
"""


def test_saving_a_part_re_renders_the_claim_of_the_total(tmp_path):
    repo = scratch_repository(tmp_path / "repo", site=True, claims={
        "deployments/first-wave.yaml": WAVE, "deployments/reinforcements.yaml": MORE})
    part = repo / "claims" / "deployments" / "reinforcements.yaml"

    config = load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["briefing"]

    def total_page() -> str:
        config.plugins.on_files(Files([]), config=config)
        return plugin.last_good.pages["claims/first-wave.md"]

    before = total_page()
    assert "= 14,000 troops by February 2025, which exceeds about 11,000 troops in all" in before
    # Only the part's file changes: its reinforcements now run to March.
    part.write_text(MORE.replace('to: "2025-02"', 'to: "2025-03"'), encoding="utf-8")
    after = total_page()
    assert after != before
    assert "= 14,000 troops by March 2025, which exceeds about 11,000 troops in all" in after
