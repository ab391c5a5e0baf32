"""`archive add`: an article into the archive by one command, or nothing written."""
from __future__ import annotations

import hashlib
import shlex

import pytest
import yaml

from build_tools import add_article, cli, load, validate
from conftest import REPO, guide_example

ARTICLE = ("Judul Laporan Uji Coba\n\nMenurut pejabat setempat, 1.200 tentara tiba pada Senin (5/1/2026).\n"
           "Baca Juga: Berita lain yang tidak dikutip\n")
REQUIRED = ["--id", "uji-jan2026", "--date", "2026-01-05", "--outlet", "Kantor Berita Uji"]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "incoming" / "uji_2026.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def archive_add(root, path, *options, capsys) -> tuple[int, str, str]:
    status = cli.main(["archive", "add", str(path), "--root", str(root), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def snapshot(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_an_added_article_is_copied_byte_for_byte_and_its_entry_appended_to_the_index(scratch_repo, article, capsys):
    index = scratch_repo / "seeds" / "articles.yaml"
    before = index.read_bytes()
    status, out, err = archive_add(scratch_repo, article, *REQUIRED, "--cites", "Reuters", capsys=capsys)
    assert status == 0, err
    assert out.strip() == "uji-jan2026"
    assert (scratch_repo / "seeds" / "uji_2026.txt").read_bytes() == article.read_bytes()
    after = index.read_bytes()
    assert after.startswith(before), "the comments and the other entries stay as they were"
    entry = yaml.safe_load(after)[-1]
    assert entry == {
        "id": "uji-jan2026", "file": "uji_2026.txt", "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
        "headline": "Judul Laporan Uji Coba", "outlet": "Kantor Berita Uji", "kind": "original report",
        "translates": None, "cites": ["Reuters"], "language": "id", "date": "2026-01-05", "url": None,
        "republish": "excerpts", "furniture": [],
    }
    assert cli.main(["validate", "--root", str(scratch_repo)]) == 0


def test_lines_that_look_like_furniture_are_reported_unless_declared(scratch_repo, article, capsys):
    status, _, err = archive_add(scratch_repo, article, *REQUIRED, capsys=capsys)
    assert status == 0
    assert "line 4 looks like page furniture (related-article link)" in err


def test_declared_furniture_is_written_and_not_reported_again(scratch_repo, article, capsys):
    status, _, err = archive_add(scratch_repo, article, *REQUIRED, "--furniture", "4-4:related-article link",
                                 capsys=capsys)
    assert status == 0, err
    assert "looks like page furniture" not in err
    entry = yaml.safe_load((scratch_repo / "seeds" / "articles.yaml").read_text(encoding="utf-8"))[-1]
    assert entry["furniture"] == [{"lines": [4, 4], "what": "related-article link"}]


def test_an_archived_copy_address_is_kept_beside_the_url(scratch_repo, article, capsys):
    status, _, err = archive_add(scratch_repo, article, *REQUIRED, "--url", "https://example.org/uji",
                                 "--archived-url", "https://web.archive.org/web/2026/https://example.org/uji",
                                 capsys=capsys)
    assert status == 0, err
    files = load.load_files(scratch_repo, only=[])
    corpus, problems = validate.validate(files)
    assert not problems.errors
    assert corpus.articles["uji-jan2026"].archived_url == "https://web.archive.org/web/2026/https://example.org/uji"


def write_bytes(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case, options, message", [
    ("same-bytes", REQUIRED[:1] + ["other-id"] + REQUIRED[2:], "already archived as `bi-jul2025`"),
    ("id-taken", ["--id", "bi-jul2025"] + REQUIRED[2:], "article id `bi-jul2025` is taken"),
    ("not-utf8", REQUIRED, "not UTF-8 text (byte 6 cannot be read)"),
    ("empty", REQUIRED, "the file is empty"),
    ("missing-date", REQUIRED[:2] + REQUIRED[4:], "--date is needed"),
    ("impossible-date", ["--id", "uji-jan2026", "--date", "2026-13-01", "--outlet", "x"], "2026-13-01 is not a real date"),
    ("bad-furniture", REQUIRED + ["--furniture", "four:link"], "should read FIRST-LAST:WHAT"),
    ("bad-file-name", REQUIRED, "may hold only letters, digits"),
])
def test_a_refused_article_leaves_the_archive_untouched(scratch_repo, article, capsys, case, options, message):
    source = {
        "same-bytes": lambda: write_bytes(article, (REPO / "seeds" / "000_73af88adfcc9b525.txt").read_bytes()),
        "not-utf8": lambda: write_bytes(article, b"Judul \xff\xfe\n"),
        "empty": lambda: write_bytes(article, b"\n \n"),
        "bad-file-name": lambda: article.rename(article.with_name("uji 2026.txt")) or article.with_name("uji 2026.txt"),
    }.get(case, lambda: article)()
    before = snapshot(scratch_repo)
    status, _, err = archive_add(scratch_repo, source, *options, capsys=capsys)
    assert status == 1
    assert message in err and "nothing written" in err
    assert snapshot(scratch_repo) == before


def test_on_a_terminal_a_missing_detail_is_asked_for(scratch_repo, article):
    answers = {"id": "uji-jan2026", "date": "2026-01-05", "outlet": "none"}
    asked = []

    def answer(question: str) -> str:
        asked.append(question)
        return answers[next(key for key in answers if f" {key}" in question)]

    article_id, problems, _ = add_article.add_article(scratch_repo, article, add_article.ArticleDetails(), ask=answer)
    assert article_id == "uji-jan2026", [p.format() for p in problems]
    assert len(asked) == 3
    entry = yaml.safe_load((scratch_repo / "seeds" / "articles.yaml").read_text(encoding="utf-8"))[-1]
    assert entry["outlet"] is None


def test_the_furniture_hints_find_every_furniture_line_of_the_real_archive():
    """On the real archive: each recorded furniture range holds a line the hints recognise."""
    entries = yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))
    for entry in entries:
        text = (REPO / "seeds" / entry["file"]).read_text(encoding="utf-8")
        hinted = {number for number, _, _ in add_article.likely_furniture(text)}
        for item in entry["furniture"]:
            first, last = item["lines"]
            assert hinted & set(range(first, last + 1)), (entry["id"], item)


def test_the_entry_text_is_yaml_that_reads_back_as_the_entry():
    entry = {"id": "x", "headline": 'Kutipan "ganda" dan: titik dua # bukan komentar', "cites": ["A", "B"],
             "furniture": [{"lines": [1, 2], "what": "link: 'x'"}]}
    assert yaml.safe_load(add_article.entry_text(entry)) == [entry]


def test_contributings_archive_walkthrough_runs(scratch_repo, article, capsys):
    command = shlex.split(guide_example("archive-add").replace("\\\n", " "))
    assert command[:5] == ["python", "-m", "build_tools", "archive", "add"]
    options = command[6:]
    options[options.index("--url") + 1] = "https://www.kompas.com/read/2025/08/01/example"
    status, out, err = archive_add(scratch_repo, article, *options, capsys=capsys)
    assert status == 0, err
    assert out.strip() == "kompas-aug2025"


def test_a_source_page_links_the_original_and_the_archived_copy_or_says_neither_is_known(scratch_repo, article,
                                                                                          capsys):
    from build_tools import compare, pipeline
    from build_tools.render import Publisher, render_site

    status, _, err = archive_add(scratch_repo, article, *REQUIRED, "--url", "https://example.org/uji",
                                 "--archived-url", "https://web.archive.org/web/2026/https://example.org/uji",
                                 capsys=capsys)
    assert status == 0, err
    result = pipeline.check(scratch_repo)
    site = render_site(result.corpus, compare.compare_all(result.corpus), Publisher("Test", "https://example.org/"))
    added = site.pages["sources/uji-jan2026.md"]
    assert '<a href="https://example.org/uji" rel="nofollow noopener">' in added
    assert '<a href="https://web.archive.org/web/2026/https://example.org/uji" rel="nofollow noopener">' in added
    assert "Original address not known" not in added and "No archived copy online is known" not in added
    unknown = site.pages["sources/bi-jul2025.md"]  # the real archive records neither for this article
    assert "Original address not known" in unknown and "No archived copy online is known" in unknown
