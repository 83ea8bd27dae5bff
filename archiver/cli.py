"""Click commands only: parse options, call the library, print, set the exit status.

Every command is a few lines over a public function. Library modules are imported inside the
commands so that ``archiver --help`` and ``archiver verify`` never load the extraction stack.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def fail(subject: str, message: str) -> None:
    """Print one error line on stderr (the only form an error takes for users)."""
    click.echo(f"archiver: {subject}: {message}", err=True)


def run_guarded(subject: str, action: Callable[[], Any]) -> tuple[Any, int]:
    """Run ``action``; turn every failure into one stderr line and an exit status.

    Set ARCHIVER_DEBUG=1 to see the traceback of an unexpected error.
    """
    from .model import ArchiverError

    try:
        return action(), 0
    except ArchiverError as error:
        fail(error.subject, error.message)
        return None, error.exit_code
    except KeyboardInterrupt:
        fail(subject, "interrupted")
        return None, EXIT_INTERRUPTED
    except OSError as error:
        fail(getattr(error, "filename", None) or subject, error.strerror or str(error))
        return None, 4
    except Exception as error:  # never a traceback for users; see ARCHIVER_DEBUG
        if os.environ.get("ARCHIVER_DEBUG"):
            raise
        fail(subject, f"internal error: {type(error).__name__}: {error}")
        return None, EXIT_INTERNAL


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="archiver")
def main() -> None:
    """Turn news items into self-verifying archival packages (a WARC inside a BagIt bag)."""
    # SIGTERM (a service manager, `timeout`, `kill`) stops like Ctrl-C: the same clean-up of
    # half-built bags, the same one-line message and exit status 130.
    signal.signal(signal.SIGTERM, _interrupt)
    # Before the command imports the extraction stack: its ~580 regexes are then loaded
    # compiled instead of compiled again (a third of a batch's start-up).
    from . import regex_cache

    if regex_cache.install():
        click.get_current_context().call_on_close(regex_cache.close)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def metadata_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options that override extracted metadata fields."""
    options = [
        click.option("--title", help="Use this title instead of the extracted one."),
        click.option("--author", "authors", multiple=True, help="Author (repeatable)."),
        click.option("--category", "categories", multiple=True, help="Category (repeatable)."),
        click.option("--tag", "tags", multiple=True, help="Tag (repeatable)."),
        click.option("--url", help="The item's URL (canonical address)."),
        click.option("--published", help="Publication date, ISO 8601."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options for capturing URLs live."""
    options = [
        click.option(
            "--timeout",
            type=float,
            default=30.0,
            show_default=True,
            help="Seconds allowed to connect and to receive the whole response.",
        ),
        click.option(
            "--max-size",
            type=int,
            default=100 * 2**20,
            show_default=True,
            help="Largest response body accepted, in bytes.",
        ),
        click.option("--user-agent", help="User-Agent header (default names archiver)."),
        click.option("--header", "headers", multiple=True, help="Extra 'Name: value' header."),
        click.option("--allow-status", is_flag=True, help="Archive 4xx/5xx responses too."),
        click.option("--with-images", is_flag=True, help="Also capture the article's images."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _fetch_settings(params: dict[str, Any]) -> dict[str, Any]:
    settings = {
        "timeout": params["timeout"],
        "max_size": params["max_size"],
        "headers": tuple(params["headers"]),
        "allow_status": params["allow_status"],
        "with_images": params["with_images"],
    }
    if params["user_agent"]:
        settings["user_agent"] = params["user_agent"]
    return settings


def _overrides(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": params["title"],
        "authors": list(params["authors"]),
        "categories": list(params["categories"]),
        "tags": list(params["tags"]),
        "url": params["url"],
        "published": params["published"],
    }


def output_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """-o/--output: the folder that receives the bags."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("packages"),
        show_default=True,
        help="Folder that receives the bags.",
    )(command)


def package_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options that shape every package: bag-info identity and the extraction size limit."""
    options = [
        click.option("--organization", envvar="ARCHIVER_ORGANIZATION", help="Source-Organization."),
        click.option("--contact-name", envvar="ARCHIVER_CONTACT_NAME", help="Contact-Name."),
        click.option("--contact-email", envvar="ARCHIVER_CONTACT_EMAIL", help="Contact-Email."),
        click.option(
            "--max-extract-size",
            type=click.IntRange(min=0),
            default=None,
            help="Skip text extraction (archive the original only) above this many bytes "
            "[default: 20 MiB].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _archive_options(params: dict[str, Any], *, with_overrides: bool) -> Any:
    from .package import ArchiveOptions

    organization = {
        "Source-Organization": params.pop("organization"),
        "Contact-Name": params.pop("contact_name"),
        "Contact-Email": params.pop("contact_email"),
    }
    options = ArchiveOptions(
        overrides=_overrides(params) if with_overrides else {},
        organization={k: v for k, v in organization.items() if v},
        fetch=_fetch_settings(params),
    )
    max_extract = params.pop("max_extract_size")
    if max_extract is not None:
        options.max_extract_bytes = max_extract
    return options


@main.command()
@click.argument("sources", nargs=-1, required=True)
@output_option
@click.option("--force", is_flag=True, help="Replace a bag that already exists.")
@package_options
@metadata_options
@fetch_options
def archive(sources: tuple[str, ...], output: Path, force: bool, **params: Any) -> None:
    """Package each SOURCE (file, "-" for stdin, or http(s) URL) as a bag; print its path.

    Example:

        archiver archive post.txt https://example.org/news/item -o packages
    """
    from .package import archive as archive_item

    options = _archive_options(params, with_overrides=True)
    status = 0
    for source in sources:
        bag, code = run_guarded(
            source, lambda s=source: archive_item(s, output, options=options, force=force)
        )
        if bag is not None:
            click.echo(str(bag))
        status = status or code
        if code == EXIT_INTERRUPTED:
            break
    sys.exit(status)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@output_option
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: CPU count)."
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write one JSON object per item (source, status, bag, error) to this file.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display; failures and summary only.")
@click.option("--stamp-root", type=click.Path(path_type=Path), hidden=True)
@click.option("--stamp-dir", type=click.Path(path_type=Path), hidden=True)
@package_options
@fetch_options
def batch(
    sources: tuple[str, ...],
    output: Path,
    jobs: int | None,
    report: Path | None,
    quiet: bool,
    stamp_root: Path | None,
    stamp_dir: Path | None,
    **params: Any,
) -> None:
    """Package many items in parallel; skip those already packaged with the same bytes.

    Each SOURCE is a folder (every non-hidden file below it), a list file (@FILE, or a name
    ending in .list/.lst/.urls: one path or URL per line, # comments), a file or a URL.
    Exit status: 0 when nothing failed, 1 when some item failed, 130 when interrupted.

    Example:

        archiver batch inbox/ urls.list -o packages --jobs 4 --report report.jsonl
    """
    from .batch import run_batch

    options = _archive_options(params, with_overrides=False)
    summary, code = run_guarded(
        str(output),
        lambda: run_batch(
            sources,
            output,
            jobs=jobs,
            report=report,
            options=options,
            progress=None if quiet else sys.stderr,
            stamp_root=stamp_root,
            stamp_dir=stamp_dir,
        ),
    )
    if summary is None:
        sys.exit(code)
    if quiet:
        for result in summary.results:
            if result.status == "failed":
                fail(result.source, result.error or "failed")
    click.echo(f"archiver batch: {summary.line()}", err=True)
    sys.exit(summary.exit_code)


@main.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print text and metadata as JSON.")
@metadata_options
@fetch_options
def extract(source: str, as_json: bool, **params: Any) -> None:
    """Print the cleaned text of SOURCE (file, "-" or URL), or JSON with its metadata.

    Example:

        archiver extract saved-page.html --json
    """
    import json

    article, code = run_guarded(source, lambda: _extract_source(source, params))
    if article is None:
        sys.exit(code)
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(article.text)


def _extract_source(source: str, params: dict[str, Any]) -> Any:
    from .extract import extract as extract_bytes
    from .sources import open_source

    capture = open_source(source, fetch_options=_fetch_settings(params))
    try:
        article = extract_bytes(
            capture.read_bytes(),
            url=capture.url,
            media_type=capture.media_type,
            declared_charset=capture.declared_charset,
        )
    finally:
        capture.discard()
    article.metadata = article.metadata.merged_with(_overrides(params))
    return article


@main.command()
@click.argument("bags", nargs=-1, required=True)
@click.option("--fast", is_flag=True, help="Check Payload-Oxum only (no checksums).")
@click.option("--completeness-only", is_flag=True, help="Check that files are present only.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Parallel hashing jobs.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per bag.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems and the summary only.")
def verify(
    bags: tuple[str, ...],
    fast: bool,
    completeness_only: bool,
    jobs: int | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Verify BagIt bags (ours or anyone's) and the WARCs inside them.

    A folder holding many bags (e.g. packages/) is verified bag by bag. Exit status: 0 all
    valid, 1 any invalid or incomplete, 2 usage error.

    Example:

        archiver verify packages/ --json
    """
    from .verify import verify_command

    status, code = run_guarded(
        "verify",
        lambda: verify_command(
            list(bags),
            fast=fast,
            completeness_only=completeness_only,
            jobs=jobs,
            as_json=as_json,
            quiet=quiet,
        ),
    )
    sys.exit(code if status is None else status)


@main.command()
@output_option
def demo(output: Path) -> None:
    """Archive the bundled sample post into OUTPUT and verify the bag.

    Example:

        archiver demo -o packages
    """
    from .package import demo as demo_package

    bag, code = run_guarded("demo", lambda: demo_package(output))
    if bag is None:
        sys.exit(code)
    click.echo(f"archived the sample post into {bag}")
    from .verify import verify_command

    sys.exit(
        verify_command(
            [str(bag)], fast=False, completeness_only=False, jobs=None, as_json=False, quiet=False
        )
    )


def run() -> None:
    """The ``archiver`` command: ``main``, then a quick exit.

    Tearing the interpreter down after a command (freeing the whole extraction stack, object
    by object) took 50-80 ms of a batch's wall time. By the time ``main`` returns, every file
    the command wrote is closed; so once the exit handlers have run and stdout and stderr
    are flushed, the process ends at once, as the batch's worker processes do. With other
    threads still alive the normal shutdown (which waits for them) is kept.
    """
    try:
        main()
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    if _other_threads_alive():
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # what the interpreter does with a message
        code = 1
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a closed reader: the interpreter's status
        code = code or 120
    os._exit(code)


def _other_threads_alive() -> bool:
    """Whether a thread other than the main one is running."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


if __name__ == "__main__":  # pragma: no cover
    run()
