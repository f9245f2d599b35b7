"""The `plansite` command: build, serve and check a council's plan site."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from generator.errors import CommandError, InputError
from generator.gc_pause import exit_without_collection, without_collection_pauses
from generator.model.gate import pending, release
from generator.i18n import _, ngettext, use_terms
from generator.engine.mkdocs import ENGINE
from generator.model.records import MONTHS
from generator.pipeline import make_site, read_council


@without_collection_pauses  # the engine's step too
def _build(args) -> int:
    from generator.engine.mkdocs import engine
    from generator.engine.output import check_target, replace_folder
    from generator.commands.record import interrupted, lock, recover

    site_dir = args.site_dir if args.site_dir.is_absolute() else args.root / args.site_dir
    check_target(site_dir, args.root)
    if interrupted(args.root):
        with lock(args.root):
            for line in recover(args.root):
                print(line)
    site = make_site(args.root, args.preview, ENGINE, finish=False)  # rendered as written
    kind = "preview" if args.preview else "public"
    try:
        replace_folder(site_dir, lambda folder, previous: engine.build(
            site, args.root, folder, previous), kind)
    except OSError as error:
        raise CommandError(str(error.filename or site_dir), "the site could not be written "
                           f"({error.strerror or error}); the previous site is unchanged",
                           "free some disk space, or make the folder writable, then build "
                           "again") from None
    print(ngettext("%(kind)s site built: %(num)d page in %(folder)s",
                   "%(kind)s site built: %(num)d pages in %(folder)s", len(site.pages),
                   kind=kind.capitalize(), folder=site_dir))
    return 0


def _serve(args) -> int:
    from generator.engine.mkdocs import engine
    from generator.live import LiveSite

    live = LiveSite(args.root, not args.public, ENGINE)
    print(f"Live preview on http://{args.host}:{args.port}/ (Ctrl+C to stop). "
          "Pages rebuild when data/, content/, theme/ or site_config.yml change.")
    engine.serve(live, args.root, args.host, args.port)
    return 0


def _check(args) -> int:
    council = read_council(args.root, ENGINE)
    use_terms(council.config.terms)
    counts = [ngettext("%(num)d %(service)s", "%(num)d %(services)s", len(council.services)),
              ngettext("%(num)d plan", "%(num)d plans", len(council.plans)),
              ngettext("%(num)d %(priority)s", "%(num)d %(priorities)s",
                       sum(len(p.priorities) for p in council.plans)),
              ngettext("%(num)d %(indicator)s", "%(num)d %(indicators)s",
                       sum(len(p.kpis) for p in council.plans))]
    print(_("No problems found: %(counts)s.", counts=", ".join(counts)))
    waiting = [p for p in council.plans if pending(p)]
    if waiting:
        print("Not yet on the public site (only in previews): " + ", ".join(
            f"{council.service(p.service).name} {p.year.label}" for p in waiting) +
            ". Publish with plansite approve or plansite update.")
    if args.period or args.year:
        return _missing(council, args.period, args.year)
    return 0


def _missing(council, period: str, year_text: str) -> int:
    """`check --period Q2 2025-26`: list, per plan, the figures and updates the quarter
    lacks; 1 when something is missing, so a pipeline can stop on it."""
    from generator.model.missing import missing_figures, not_updated, quarter_start
    from generator.model.records import QUARTER_MONTHS, QUARTERS
    from generator.validate.fields import parse_year

    if period not in QUARTERS:
        raise CommandError(f"--period {period}".strip(), "this is not a quarter" if period
                           else "no quarter is given",
                           "name the quarter and the year, like --period Q2 2025-26")
    year = parse_year(year_text or "")
    if year is None:
        raise CommandError(year_text or "--period", "the plan year is missing or not a "
                           "financial year", "name the quarter and the year, like "
                           "--period Q2 2025-26")
    plans = council.plans_for(year)
    if not plans:
        raise CommandError(f"data/plans/{year.slug}/", f"there are no plans for {year.label}",
                           "check the year")
    since = quarter_start(year, period) - dt.timedelta(days=1)
    print(_("What is missing for %(period)s %(year)s (%(months)s):", period=period,
            year=year.label, months=QUARTER_MONTHS[period]))
    found = 0
    for plan in plans:
        kpis, priorities = missing_figures(plan, period), not_updated(plan, period)
        found += len(kpis) + len(priorities)
        name = council.service(plan.service).name
        if not kpis and not priorities:
            print("- " + _("%(name)s (%(file)s): nothing missing.", name=name,
                           file=plan.source))
            continue
        print("- " + _("%(name)s (%(file)s):", name=name, file=plan.source))
        if kpis:
            print("  - " + _("%(Indicators)s with neither a figure nor a reason "
                             "(not_available) for %(period)s:", period=period))
            print("\n".join(f"    - {k.ref} {k.title}" for k in kpis))
        if priorities:
            print("  - " + _("%(Priorities)s with no update since %(date)s:",
                             date=f"{since.day} {MONTHS[since.month - 1]} {since.year}"))
            print("\n".join(f"    - {p.number}. {p.title}" for p in priorities))
    if found:
        print(ngettext("%(num)d thing is missing.", "%(num)d things are missing.", found))
    return 1 if found else 0


def _publish(args) -> int:
    from generator.commands.deploy import current, publish, releases

    site_dir = args.site_dir if args.site_dir.is_absolute() else args.root / args.site_dir
    live = current(args.target)
    release = publish(site_dir, args.target)
    kept = [p.name for p in releases(args.target) if p != release]
    if release == live:
        print(f"Nothing to do: {args.target / 'current'} already shows this build "
              f"(release {release.name}).")
        return 0
    print(f"Published {site_dir} as release {release.name}: {args.target / 'current'} now "
          "shows it.")
    if kept:
        print(f"Earlier releases kept: {', '.join(kept)}. To go back one: "
              f"plansite rollback --target {args.target}")
    return 0


def _rollback(args) -> int:
    from generator.commands.deploy import rollback

    release = rollback(args.target)
    print(f"Rolled back: {args.target / 'current'} now shows release {release.name}. "
          "Publish again to move forward.")
    return 0


def _diff(args) -> int:
    from generator.commands import sitediff

    top = _toplevel(args.root)
    with tempfile.TemporaryDirectory(prefix="plansite-diff-") as folder:
        tree, old, new = (Path(folder) / name for name in ("tree", "old-site", "new-site"))
        _export(top, args.ref, tree)
        _build_at(tree, tree / args.root.relative_to(top), old, args.preview,
                  f"the site at {args.ref}")
        _build_at(top, args.root, new, args.preview, "the working tree")
        changes = sitediff.compare(old, new, ENGINE.derived)
    council = read_council(args.root, ENGINE)
    waiting = tuple(sitediff.Waiting(f"{council.service(p.service).name} {p.year.label}",
                                     p.source, p.year.slug, p.service, release(p) is not None)
                    for p in council.plans if pending(p))
    kind = "preview" if args.preview else "public"
    print(sitediff.report(changes, args.ref, f"this version ({kind} build)", waiting))
    return 0


def _toplevel(root: Path) -> Path:
    """The top folder of the git repository that holds the project."""
    found = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                           capture_output=True, text=True)
    if found.returncode:
        raise CommandError(str(root), "this folder is not in a git repository, so there is "
                           "no earlier version to compare with",
                           "run plansite diff inside a clone of the site's repository")
    return Path(found.stdout.strip()).resolve()


def _export(top: Path, ref: str, dest: Path) -> None:
    """Extract the repository's files as they were at `ref` into dest. `ref` is only ever
    read as the name of a commit, never as an option to git."""
    commit = subprocess.run(["git", "-C", str(top), "rev-parse", "--verify", "--quiet",
                             "--end-of-options", f"{ref}^{{commit}}"],
                            capture_output=True, text=True)
    if commit.returncode:
        raise CommandError(ref, "git has no version of that name",
                           "give a branch, tag or commit, like origin/main; in a shallow "
                           "clone fetch it first: git fetch origin main")
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar",
                              commit.stdout.strip()], capture_output=True)
    if archive.returncode:
        raise CommandError(ref, "git could not export that version", "see git's message below",
                           archive.stderr.decode().strip())
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")


def _build_at(code: Path, root: Path, site_dir: Path, preview: bool, what: str) -> None:
    """Build the project at root with the generator in `code` (else the installed one)."""
    command = [sys.executable, "-m", "generator.commands.cli", "--root", str(root), "build",
               "--site-dir", str(site_dir), *(["--preview"] if preview else [])]
    result = subprocess.run(command, capture_output=True, text=True, cwd=code)
    if result.returncode:
        raise CommandError(what, "it does not build", "fix the problems listed below",
                           (result.stderr or result.stdout).strip())


def _record(args) -> int:
    from generator.commands.record import Request, record

    request = Request(args.year, args.service, args.stage, args.date, args.body, args.ref,
                      args.note)
    for line in record(args.root, request):
        print(line)
    print("The public site leaves the plan out until it is approved." if args.stage == "scrutiny"
          else "The next public build shows it. Commit the plan files and the snapshots.")
    return 0


def _new_year(args) -> int:
    from generator.commands.new_year import new_year

    for line in new_year(args.root, args.year, args.source, args.open_only, args.date):
        print(line)
    print("The new year is a draft: plansite build --preview shows it, the public site does "
          "not. Review each target_review line, then record scrutiny and approval; approving "
          "it marks last year's plans superseded.")
    return 0


def _new(args) -> int:
    from generator.commands.new_project import new_project

    folder = args.folder.resolve()
    for line in new_project(folder, args.council):
        print(line)
    print(f"New project written in {folder}. Next: read its README.md, then preview it with "
          f"plansite --root {args.folder} serve")
    return 0


def _report(args) -> int:
    from generator.commands.report import write_report

    if not args.to:
        raise CommandError("--to", "the report needs a file to be written to",
                           "add --to and a file name, like --to report.pdf")
    to = Path(args.to).absolute()
    print(write_report(args.root, args.year, args.period, args.service, to))
    return 0


def _export_return(args) -> int:
    from generator.commands import results_return, updates_return

    to = Path(args.to).absolute()
    print(results_return.export(args.root, args.year, args.period, args.service, to)
          if args.kind == "results" else
          updates_return.export(args.root, args.year, args.service, to))
    return 0


def _import_return(args) -> int:
    if args.kind == "results":
        from generator.commands.results_return import import_results as run
    else:
        from generator.commands.updates_return import import_updates as run
    for line in run(args.root, Path(args.file).absolute(), args.apply, args.replace):
        print(line)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="plansite", description=__doc__)
    top.add_argument("--root", type=Path, default=Path("."),
                     help="the project folder (default: the current folder)")
    commands = top.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the static site")
    build.add_argument("--preview", action="store_true",
                       help="include drafts, marked as not yet approved, and ask search "
                       "engines not to index the pages")
    build.add_argument("--site-dir", type=Path, default=Path("site"),
                       help="where to write the site (default: site/)")
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="live preview on 127.0.0.1")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--public", action="store_true", help="preview the public build only")
    serve.set_defaults(run=_serve)
    new = commands.add_parser("new", help="write a starter project for a council into a "
                              "new folder")
    new.add_argument("folder", type=Path, help="the new (or empty) folder, like ../exampleshire")
    new.add_argument("--council", default="Example District Council",
                     help="the council's name (default: a made-up council)")
    new.set_defaults(run=_new)
    check = commands.add_parser("check", help="check the data without building")
    check.add_argument("year", nargs="?", default="",
                       help="with --period: the plan year, like 2025-26")
    check.add_argument("--period", default="", help="also list, per plan, the figures and "
                       "progress updates the quarter (Q1 to Q4) still lacks; exit 1 when "
                       "something is missing")
    check.set_defaults(run=_check)
    new_year = commands.add_parser(
        "new-year", help="start a plan year as drafts, from the plans of an earlier one")
    new_year.add_argument("year", help="the new plan year, like 2026-27")
    new_year.add_argument("--from", dest="source", default="", metavar="YEAR",
                          help="the year to start from (default: the year before)")
    new_year.add_argument("--open-only", action="store_true",
                          help="carry over only the priorities that are not complete")
    new_year.add_argument("--date", default="",
                          help="the date of the draft version (default: today)")
    new_year.set_defaults(run=_new_year)
    for name, stage, what in (
            ("scrutiny", "scrutiny", "record that Overview and Scrutiny considered a plan"),
            ("approve", "approved", "record Cabinet's approval of a plan, which publishes it"),
            ("update", "update", "publish a progress update of an approved plan")):
        command = commands.add_parser(name, help=what, description=f"{what.capitalize()}: "
                                      "add a version to the plan file and keep a snapshot.")
        command.add_argument("year", help="the plan year, like 2025-26")
        command.add_argument("--service", default="",
                             help="one service's key (default: every plan of that year)")
        command.add_argument("--date", required=True, help="the day, like 2025-04-03")
        command.add_argument("--body", default="", required=stage != "update",
                             help="who considered it, like Cabinet")
        command.add_argument("--ref", default="", help="the minute or decision reference")
        command.add_argument("--note", default="", help="a short note for the history")
        command.set_defaults(run=_record, stage=stage)
    report = commands.add_parser(
        "report", help="write a quarter's performance report for a committee, as a PDF")
    report.add_argument("year", help="the plan year, like 2025-26")
    report.add_argument("--period", default="", help="the quarter: Q1, Q2, Q3 or Q4")
    report.add_argument("--to", default="", help="the PDF to write, like report.pdf")
    report.add_argument("--service", default="",
                        help="one service's key (default: every service of that year)")
    report.set_defaults(run=_report)
    publish = commands.add_parser(
        "publish", help="publish a finished build to a web server's folder in one step")
    publish.add_argument("--target", type=Path, required=True,
                         help="the folder on the server; point the web server at "
                         "TARGET/current")
    publish.add_argument("--site-dir", type=Path, default=Path("site"),
                         help="the finished build to publish (default: site/)")
    publish.set_defaults(run=_publish)
    rollback = commands.add_parser("rollback",
                                   help="show the previous published release again")
    rollback.add_argument("--target", type=Path, required=True,
                          help="the folder given to plansite publish")
    rollback.set_defaults(run=_rollback)
    diff = commands.add_parser(
        "diff", help="list the pages that differ from an earlier version, with their wording")
    diff.add_argument("ref", help="the git branch, tag or commit to compare with, "
                      "e.g. origin/main")
    diff.add_argument("--preview", action="store_true",
                      help="compare preview builds (drafts included)")
    diff.set_defaults(run=_diff)
    export = commands.add_parser("export", help="write a spreadsheet for services to fill in: "
                                 "a period's results, or progress on priorities")
    returns = export.add_subparsers(dest="kind", required=True)
    for kind, what in (("results", "a period's indicator results"),
                       ("updates", "progress updates on priorities")):
        command = returns.add_parser(kind, help=f"a return of {what}, as .xlsx or .csv")
        command.add_argument("year", help="the plan year, like 2025-26")
        if kind == "results":
            command.add_argument("--period", required=True,
                                 help="the results to collect: Q1 to Q4, H1, H2, "
                                      "M1 to M12 (monthly indicators) or year")
        command.add_argument("--to", required=True, help="the file to write, like r.xlsx")
        command.add_argument("--service", default="",
                             help="one service's key (default: every plan of that year)")
    export.set_defaults(run=_export_return)
    imports = commands.add_parser("import", help="merge a filled-in return into the plan "
                                  "files (shows the changes; writes them with --apply)")
    returns = imports.add_subparsers(dest="kind", required=True)
    for kind in ("results", "updates"):
        command = returns.add_parser(kind, help=f"merge a {kind} return from plansite export")
        command.add_argument("file", help="the filled-in .xlsx or .csv file")
        command.add_argument("--apply", action="store_true",
                             help="write the changes (without it, only show them)")
        command.add_argument("--replace", action="store_true",
                             help="let the return change a figure or update already there")
    imports.set_defaults(run=_import_return)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; a problem ends in a message and exit 1, an unexpected error in one
    plain sentence and exit 2 (PLANSITE_DEBUG=1 shows the traceback instead), Ctrl+C in 130."""
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    try:
        return args.run(args)
    except InputError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort: never a traceback
        if os.environ.get("PLANSITE_DEBUG") == "1":
            raise
        print(f"Plansite stopped because of an unexpected problem: {type(error).__name__}: "
              f"{error}; nothing was published; please report it with this message.",
              file=sys.stderr)
        return 2


def run() -> None:
    """The `plansite` command: main, in a process that ends with it."""
    exit_without_collection(main())


if __name__ == "__main__":
    run()
