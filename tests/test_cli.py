"""The `nextround` command: exit codes, one JSON object, errors on one line, fast help."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, parse_one_json
from contract import check_analysis

EXAMPLES = ROOT / "examples"


def test_analyze_pasted_text_json(cli):
    text = (EXAMPLES / "rejection-no-reason.txt").read_text()
    out = cli("analyze", "--json", stdin=text)
    assert out.returncode == 0, out.stderr
    result = parse_one_json(out.stdout)
    check_analysis(result)
    assert result["category"] == "rejection"
    assert [r["label"] for r in result["reasons"]] == ["no_reason_given"]


def test_analyze_dash_reads_stdin(cli):
    out = cli("analyze", "-", "--json", stdin="Unfortunately we will not be moving forward with your application.")
    assert out.returncode == 0, out.stderr
    check_analysis(parse_one_json(out.stdout))


def test_analyze_eml_json(cli):
    out = cli("analyze", str(EXAMPLES / "html-only-rejection.eml"), "--json")
    assert out.returncode == 0, out.stderr
    result = parse_one_json(out.stdout)
    check_analysis(result)
    assert result["category"] == "rejection"
    assert result["id"] == "<update-4821@careers.quillstone.example>"
    assert any("figma" in g["canonical"] for g in result["skill_gaps"])


def test_analyze_msg_json(cli, tmp_path):
    from msgfactory import write_msg

    path = tmp_path / "rejection.msg"
    write_msg(path, subject="Your application: Data Engineer",
              body=(EXAMPLES / "rejection-skill-gaps.txt").read_text().split("\n", 2)[2],
              sender="Priya Raman <priya@northwind.example>", message_id="<msg-1@northwind.example>")
    out = cli("analyze", str(path), "--json")
    assert out.returncode == 0, out.stderr
    result = parse_one_json(out.stdout)
    check_analysis(result)
    assert result["category"] == "rejection"


def test_readable_output_fits_80_columns(cli):
    out = cli("analyze", str(EXAMPLES / "rejection-skill-gaps.txt"))
    assert out.returncode == 0, out.stderr
    assert "rejection" in out.stdout
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    assert "\x1b[" not in out.stdout  # no colour when not a terminal


def test_missing_file_is_one_line_error(cli):
    out = cli("analyze", "no-such-file.eml")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "no-such-file.eml" in lines[0]


def test_empty_input_is_one_line_error(cli, tmp_path):
    out = cli("analyze", stdin="   \n")
    assert out.returncode == 1
    assert out.stderr.strip().startswith("Error: ") and len(out.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = cli("analyze", str(empty))
    assert out.returncode == 1 and out.stderr.startswith("Error: ")


def test_usage_error_exits_2(cli):
    assert cli("analyze", "--no-such-option").returncode == 2
    assert cli("no-such-command").returncode == 2


def test_missing_model_names_where_it_looked(cli, tmp_path):
    out = cli("analyze", "--json", stdin="Unfortunately no.", env={"NEXTROUND_MODEL": str(tmp_path)})
    assert out.returncode == 1
    assert str(tmp_path) in out.stderr and "NEXTROUND_MODEL" in out.stderr


def test_help_imports_no_heavy_library():
    code = ("import sys, runpy; sys.argv=['nextround','--help'];\n"
            "try: runpy.run_module('nextround', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "heavy = [m for m in ('spacy','sklearn','pandas') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_analyze_imports_no_heavy_library(tmp_path):
    code = ("import sys, nextround; nextround.analyze('Unfortunately we have decided not to proceed.');\n"
            "print('HEAVY', [m for m in ('spacy','sklearn','pandas') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_every_command_has_help(cli):
    for command in ("analyze", "train", "evaluate"):
        out = cli(command, "--help")
        assert out.returncode == 0 and "Usage" in out.stdout


def test_ics_written_when_a_waiting_period_is_stated(cli, tmp_path):
    ics = tmp_path / "reminder.ics"
    out = cli("analyze", str(EXAMPLES / "rejection-skill-gaps.txt"), "--ics", str(ics))
    assert out.returncode == 0, out.stderr
    text = ics.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert "DTSTART;VALUE=DATE:" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ics_explains_why_not_without_a_waiting_period(cli, tmp_path):
    ics = tmp_path / "reminder.ics"
    out = cli("analyze", str(EXAMPLES / "rejection-no-reason.txt"), "--ics", str(ics))
    assert out.returncode == 0
    assert not ics.exists() and "no waiting period" in out.stderr
