"""Snakemake, run in this process through its API, with the project's settings.

The settings are those of `profiles/default/config.yaml`, which `snakemake` run
directly uses too: jobs run in threads (every job is a short hand-over to the fork
server) and the greedy scheduler decides in microseconds what runs next, by
priority only (not by input size) and among a sample of the ready jobs when many
are ready. In-process, Snakemake's job rate limiter is off (no idle second at the
end), so the profile's rate limit is not needed here.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Mapping
from pathlib import Path
from signal import SIGINT, SIGTERM
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
"""The project folder: Snakefile, rules/, scripts/, templates/."""
PROFILE = ROOT / "profiles" / "default" / "config.yaml"
"""Snakemake's settings for this workflow (command-line names), stated only there."""


def run_workflow(
    targets: Iterable[str],
    config: Mapping[str, Any],
    cores: int,
    log: Path,
    listener: Any,
    append: bool = False,
    force: bool = False,
) -> bool:
    """Build `targets`; True when every job succeeded. Snakemake's lines go to `log`
    (after what it holds already, with `append`); `force`: every step of the targets
    runs, whatever Snakemake's records say."""
    from snakemake.api import SnakemakeApi
    from snakemake.scheduling.greedy import SchedulerSettings as GreedySettings
    from snakemake.settings import types as settings
    from snakemake_interface_logger_plugins.registry import LoggerPluginRegistry

    from . import snakemake_log

    LoggerPluginRegistry().register_plugin(snakemake_log.NAME, snakemake_log)
    profile = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    log.parent.mkdir(parents=True, exist_ok=True)
    output = settings.OutputSettings(
        log_handler_settings={
            "copreport": snakemake_log.LogHandlerSettings(
                path=str(log), listener=listener, append=append
            )
        },
        enable_file_logging=False,
    )
    handlers = {number: signal.getsignal(number) for number in (SIGTERM, SIGINT)}
    try:
        with SnakemakeApi(output) as api:
            workflow = api.workflow(
                resource_settings=settings.ResourceSettings(cores=cores),
                config_settings=settings.ConfigSettings(config=dict(config)),
                snakefile=ROOT / "Snakefile",
                workdir=ROOT,
            )
            dag = workflow.dag(
                dag_settings=settings.DAGSettings(
                    targets=frozenset(targets),
                    forceall=force,
                    force_incomplete=profile["rerun-incomplete"],
                )
            )
            dag.execute_workflow(
                executor="local",
                execution_settings=settings.ExecutionSettings(
                    keep_going=profile["keep-going"],
                    use_threads=profile["force-use-threads"],
                ),
                scheduling_settings=settings.SchedulingSettings(
                    scheduler=profile["scheduler"],
                    subsample=profile["scheduler-subsample"],
                ),
                scheduler_settings=GreedySettings(
                    omit_prioritize_by_temp_and_input=profile[
                        "scheduler-greedy-omit-prioritize-by-temp-and-input"
                    ]
                ),
            )
    except SystemExit as stop:
        listener.engine_error(str(stop.code or ""))
        append_to_log(log, str(stop.code or ""))
        return False
    except KeyboardInterrupt:  # Ctrl-C while Snakemake had not taken it over
        listener.interrupt()
        return False
    except Exception as error:  # Snakemake's own errors
        from snakemake.exceptions import WorkflowError

        if not listener.interrupted and _from_ctrl_c(error):
            listener.interrupt()
        if listener.interrupted:  # its steps did not fail, they were stopped
            return False
        if not (isinstance(error, WorkflowError) and listener.failures):
            listener.engine_error(str(error))
            append_to_log(log, f"{type(error).__name__}: {error}")
        return False
    finally:
        # Snakemake's scheduler leaves its own handlers, which only set a flag for a
        # scheduler that is gone: without this, `kill` would no longer stop us.
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return True


def _from_ctrl_c(error: BaseException) -> bool:
    """Whether Snakemake's error wraps a Ctrl-C (it names the KeyboardInterrupt that
    stopped one of its input functions)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt) or "KeyboardInterrupt" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def append_to_log(log: Path, text: str) -> None:
    """Add a line Snakemake's logger never saw to the log (best effort)."""
    try:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError:
        pass
