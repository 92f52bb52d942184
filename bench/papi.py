#!/usr/bin/env python3
"""The vpp_papi side of vppstate's benchmarks: the same work through VPP's own Python client.

    PYTHONPATH=$(../shared/vpp/vpp.sh papi) python3 bench/papi.py SOCKET APIDIR MODE [ARG...]

Modes (each prints one JSON object on stdout; times in milliseconds, CPU of this process):
    ping-seq N               N control_pings, one at a time
    ping-pipelined N WINDOW  N control_pings, WINDOW in flight (async mode, replies counted in
                             papi's callback)
    dump REPEAT              sw_interface_dump of every interface, REPEAT times
    replay FILE WINDOW       the calls in FILE (JSON lines [name, fields]) with WINDOW in flight
    reads FILE               the reads in FILE (JSON lines [name, fields]), one at a time, as a
                             papi program reads VPP's state
    cold                     import + connect + one show_version (timed by the caller)
"""
import json
import sys
import threading
import time

T_IMPORT = time.perf_counter()
from vpp_papi import VPPApiClient  # noqa: E402


def connect(socket, apidir, do_async=False):
    vpp = VPPApiClient(apidir=apidir, server_address=socket, read_timeout=120)
    vpp.connect("vppstate-bench-papi", do_async=do_async)
    return vpp


def papi_args(fields):
    """Fields as bench/lib/papi.ts wrote them for papi (bytes as {"__hex__": "..."})."""
    if isinstance(fields, list):
        return [papi_args(x) for x in fields]
    if not isinstance(fields, dict):
        return fields
    if "__hex__" in fields:
        return bytes.fromhex(fields["__hex__"])
    return {k: papi_args(v) for k, v in fields.items()}


def read_calls(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


class Timer:
    def __enter__(self):
        self.t = time.perf_counter()
        self.c = time.process_time()
        return self

    def __exit__(self, *exc):
        self.ms = (time.perf_counter() - self.t) * 1000
        self.cpu_ms = (time.process_time() - self.c) * 1000


def pipelined(vpp, send, n, window):
    """Sends n requests through send(i), window in flight; replies counted in papi's callback."""
    slots = threading.Semaphore(window)
    done = threading.Event()
    state = {"replies": 0, "failed": 0}

    def on_message(name, msg):
        if name.endswith("_details"):
            return
        if getattr(msg, "retval", 0) != 0:
            state["failed"] += 1
        state["replies"] += 1
        slots.release()
        if state["replies"] == n:
            done.set()

    vpp.register_event_callback(on_message)
    with Timer() as t:
        for i in range(n):
            slots.acquire()
            send(i)
        done.wait()
    return {"calls": n, "ms": t.ms, "cpu_ms": t.cpu_ms, "failed": state["failed"]}


PAPI_CANNOT = {"lcp_itf_pair_get_v2"}


def main():
    socket, apidir, mode, *args = sys.argv[1:]
    if mode == "cold":
        vpp = connect(socket, apidir)
        v = vpp.api.show_version()
        vpp.disconnect()
        print(json.dumps({"version": v.version, "ms": (time.perf_counter() - T_IMPORT) * 1000}))
        return
    if mode == "ping-seq":
        n = int(args[0])
        vpp = connect(socket, apidir)
        for _ in range(min(n, 1000)):
            vpp.api.control_ping()
        with Timer() as t:
            for _ in range(n):
                vpp.api.control_ping()
        out = {"calls": n, "ms": t.ms, "cpu_ms": t.cpu_ms}
    elif mode == "ping-pipelined":
        n, window = int(args[0]), int(args[1])
        vpp = connect(socket, apidir, do_async=True)
        ping = vpp.api.control_ping
        out = pipelined(vpp, lambda i: ping(), n, window)
    elif mode == "dump":
        repeat = int(args[0])
        vpp = connect(socket, apidir)
        times, count = [], 0
        for _ in range(repeat):
            with Timer() as t:
                count = len(vpp.api.sw_interface_dump(sw_if_index=0xFFFFFFFF))
            times.append(t.ms)
        out = {"details": count, "ms": sorted(times)[len(times) // 2], "best_ms": min(times)}
    elif mode == "replay":
        calls = [(name, papi_args(fields)) for name, fields in read_calls(args[0])]
        window = int(args[1])
        vpp = connect(socket, apidir, do_async=True)
        fns = [getattr(vpp.api, name) for name, _ in calls]
        out = pipelined(vpp, lambda i: fns[i](**calls[i][1]), len(calls), window)
    elif mode == "reads":
        # vpp_papi v26.10 cannot call lcp_itf_pair_get_v2 (it takes lcp_itf_pair_get's reply for
        # it: "REPLY MISMATCH", then the read fails); skipped and counted
        calls = [(name, papi_args(fields)) for name, fields in read_calls(args[0])]
        skipped = [name for name, _ in calls if name in PAPI_CANNOT]
        calls = [(name, fields) for name, fields in calls if name not in PAPI_CANNOT]
        vpp = connect(socket, apidir)
        details = 0
        with Timer() as t:
            for name, fields in calls:
                r = getattr(vpp.api, name)(**fields)
                details += len(r) if isinstance(r, list) else 1
        out = {"calls": len(calls), "details": details, "ms": t.ms, "cpu_ms": t.cpu_ms, "skipped": skipped}
    else:
        sys.exit(f"unknown mode {mode}")
    vpp.disconnect()
    print(json.dumps(out))


main()
