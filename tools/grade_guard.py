"""The grader's guard, run inside the trainee's kernel during autograde.

The sandboxed kernel runs this file at start (``IPKernelApp.exec_files``), before any
submitted code. It photographs what a submission could tamper with -- IPython's hooks
(AST and input transformers, events, the shell's own methods), builtins and the
standard-library functions the checkers use, the import system, ``os.environ`` -- and
registers a comm target. Before every graded cell the grader opens a comm to it
(``tools/grade_hooks.py``); the guard puts everything back as photographed, forgets
every ``kamlib`` module (so the checker is imported fresh from disk) and answers with
the list of what it had to undo. A comm message is not code, so input transformers
that blank cells cannot blank it; if the guard does not answer at all, the grader
flags the submission.

A submission that read this file and attacked the guard itself is still flagged by the
static scan. Nothing here prints: output in a test cell would be graded.
"""


def _kamlab_install_guard():  # noqa: C901 -- one closure keeps the photographs out of reach of names
    import builtins
    import copy
    import importlib
    import inspect
    import math
    import operator
    import os
    import random
    import signal
    import sys
    import tempfile
    import types

    from comm import get_comm_manager
    from IPython import get_ipython

    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    modules = {"builtins": builtins, "math": math, "copy": copy, "random": random,
               "importlib": importlib, "operator": operator, "inspect": inspect, "types": types}
    ignore_builtins = {"_", "__", "___", "exit", "quit", "get_ipython", "display", "__IPYTHON__",
                       "dreload", "help", "copyright", "credits", "license"}
    photo = {name: dict(vars(module)) for name, module in modules.items()}
    shell_methods = ("run_cell", "run_cell_async", "transform_cell", "transform_ast", "run_ast_nodes",
                     "run_code", "showtraceback", "_showtraceback", "showsyntaxerror", "should_run_async",
                     "ex", "ev", "safe_execfile")
    shell_class = {n: type(shell).__dict__.get(n) for n in shell_methods}
    shell_own = {n: vars(shell)[n] for n in shell_methods if n in vars(shell)}
    kernel_methods = ("do_execute", "execute_request", "send_response", "_publish_execute_input")
    kernel_class = {n: getattr(type(kernel), n, None) for n in kernel_methods}
    state = {
        "ast": list(shell.ast_transformers),
        "post": list(shell.input_transformers_post),
        "manager": shell.input_transformer_manager,
        "cleanup": list(shell.input_transformer_manager.cleanup_transforms),
        "line": list(shell.input_transformer_manager.line_transforms),
        "events": {k: list(v) for k, v in shell.events.callbacks.items()},
        "meta_path": list(sys.meta_path),
        "path_hooks": list(sys.path_hooks),
        "path": list(sys.path),
        "environ": dict(os.environ),
        "stdout": sys.stdout,
        "stderr": sys.stderr,
        "displayhook": sys.displayhook,
        "excepthook": sys.excepthook,
        "sys_modules": {n: sys.modules.get(n) for n in modules},
        "sigint": signal.getsignal(signal.SIGINT),
    }
    kamlib_root = None
    try:
        spec = importlib.util.find_spec("kamlib")
        kamlib_root = os.path.dirname(spec.origin) if spec and spec.origin else None
    except Exception:  # kamlib missing: the checks will fail on their own
        pass

    scratch = os.path.realpath(tempfile.gettempdir())

    def foreign(value):
        """A function compiled from a cell or a string, not loaded from a file."""
        code = getattr(getattr(value, "__func__", value), "__code__", None)
        if code is None:
            return False
        where = code.co_filename
        if where.startswith("<") or "ipykernel_" in where:
            return True
        real = os.path.realpath(where)
        # kamlib's own files are never foreign, even when the checkout lives under /tmp (CI clones)
        if kamlib_root and real.startswith(os.path.realpath(kamlib_root) + os.sep):
            return False
        return real.startswith(scratch)

    def kamlib_patches():
        found = []
        for name, module in list(sys.modules.items()):
            if not (name == "kamlib" or name.startswith("kamlib.")):
                continue
            path = getattr(module, "__file__", None) or ""
            if kamlib_root and not os.path.abspath(path).startswith(kamlib_root + os.sep):
                found.append(f"{name} is not kamlib's module")
                continue
            for attr, value in list(vars(module).items()):
                if callable(value) and foreign(value):
                    found.append(f"{name}.{attr} replaced")
                elif isinstance(value, type) and value.__module__.startswith("kamlib"):
                    found += [f"{name}.{attr}.{a} replaced" for a, v in vars(value).items()
                              if not a.startswith("__") and callable(v) and foreign(v)]
                elif type(value).__module__.startswith("kamlib") and hasattr(value, "__dict__"):
                    found += [f"{name}.{attr}.{a} replaced" for a, v in vars(value).items()
                              if callable(v) and foreign(v)]
        return found

    def restore():
        undone = []
        for name, module in modules.items():
            if sys.modules.get(name) is not state["sys_modules"][name]:
                sys.modules[name] = state["sys_modules"][name]
                undone.append(f"sys.modules['{name}'] replaced")
            now = vars(module)
            for attr, value in photo[name].items():
                if name == "builtins" and attr in ignore_builtins:
                    continue
                if now.get(attr, photo) is not value:
                    setattr(module, attr, value)
                    undone.append(f"{name}.{attr} patched")
            if name == "builtins":
                added = [a for a in now if a not in photo[name] and a not in ignore_builtins]
                undone += [f"builtins.{a} added" for a in added]
        for attr in shell_methods:
            if vars(shell).get(attr, photo) is not shell_own.get(attr, photo):
                if attr in shell_own:
                    setattr(shell, attr, shell_own[attr])
                else:
                    delattr(shell, attr)
                undone.append(f"shell.{attr} overridden")
            if type(shell).__dict__.get(attr) is not shell_class[attr] and shell_class[attr] is not None:
                setattr(type(shell), attr, shell_class[attr])
                undone.append(f"{type(shell).__name__}.{attr} patched")
        if kernel is not None:
            for attr in kernel_methods:
                if attr in vars(kernel):
                    delattr(kernel, attr)
                    undone.append(f"kernel.{attr} overridden")
                if kernel_class[attr] is not None and getattr(type(kernel), attr, None) is not kernel_class[attr]:
                    setattr(type(kernel), attr, kernel_class[attr])
                    undone.append(f"{type(kernel).__name__}.{attr} patched")
        if shell.ast_transformers != state["ast"]:
            shell.ast_transformers[:] = state["ast"]
            undone.append("IPython ast_transformers changed")
        if shell.input_transformers_post != state["post"]:
            shell.input_transformers_post[:] = state["post"]
            undone.append("IPython input_transformers_post changed")
        manager = state["manager"]
        if shell.input_transformer_manager is not manager:
            shell.input_transformer_manager = manager
            undone.append("IPython input_transformer_manager replaced")
        if manager.cleanup_transforms != state["cleanup"]:
            manager.cleanup_transforms[:] = state["cleanup"]
            undone.append("IPython input_transformers_cleanup changed")
        if manager.line_transforms != state["line"]:
            manager.line_transforms[:] = state["line"]
            undone.append("IPython line transforms changed")
        for event, callbacks in shell.events.callbacks.items():
            if callbacks != state["events"].get(event, []):
                callbacks[:] = state["events"].get(event, [])
                undone.append(f"IPython events '{event}' callbacks changed")
        for attr in ("meta_path", "path_hooks"):
            if getattr(sys, attr) != state[attr]:
                getattr(sys, attr)[:] = state[attr]
                sys.path_importer_cache.clear()
                undone.append(f"sys.{attr} changed")
        for attr in ("stdout", "stderr", "displayhook", "excepthook"):
            if getattr(sys, attr) is not state[attr]:
                setattr(sys, attr, state[attr])
                undone.append(f"sys.{attr} replaced")
        if sys.gettrace() is not None or sys.getprofile() is not None:
            sys.settrace(None)
            sys.setprofile(None)
            undone.append("a trace or profile function set")
        if dict(os.environ) != state["environ"]:
            changed = sorted(set(os.environ.items()) ^ set(state["environ"].items()))
            undone.append("os.environ changed: " + ", ".join(sorted({k for k, _ in changed}))[:200])
            os.environ.clear()
            os.environ.update(state["environ"])
        undone += kamlib_patches()
        for name in [m for m in sys.modules if m == "kamlib" or m.startswith("kamlib.")]:
            del sys.modules[name]
        importlib.invalidate_caches()
        return undone

    def on_open(comm, message):
        nonce = message["content"]["data"].get("nonce", "")
        try:
            undone = restore()
        except Exception as err:  # report rather than break the grader's handshake
            undone = [f"the guard could not restore: {type(err).__name__}: {err}"]
        comm.send({"nonce": nonce, "undone": undone})
        comm.close()

    get_comm_manager().register_target("kamlab_guard", on_open)


_kamlab_install_guard()
del _kamlab_install_guard
