#!/usr/bin/env python3
"""Helpers of softphone-benchmark.sh: free ports, a SIP OPTIONS readiness probe, and the statistics taken from
tshark's field output of a loopback capture. Loopback IP literals only; every wait is bounded.

Subcommands:
  freeport                      print a free UDP port on 127.0.0.1 whose successor is free too (RTP + RTCP)
  ping PORT SECONDS             send OPTIONS to 127.0.0.1:PORT every 200 ms until any SIP response; exit 1 on time-out
  sip FIELDS UAS_PORT           answer / call-setup latency from `tshark -T fields` output (see FIELDS_SIP)
  rtp FIELDS                    RTP send-interval error per stream from `tshark -T fields` output (see FIELDS_RTP)
  ticks PID                     utime+stime clock ticks of PID and all its descendants (from /proc/<pid>/stat)
  rss PID                       resident memory in KiB of PID and all its descendants (VmRSS)
  java-pid PID                  the pid of the first java process in PID's tree; exit 1 if there is none
  pace PORT SECONDS             the reference pacer: an RTP packet to 127.0.0.1:PORT every 20 ms for SECONDS, on
                                absolute deadlines of the monotonic clock (what a media thread does, without a JVM,
                                codec or call: the pacing this machine allows an ordinary process at that moment)
"""
import os
import socket
import sys
import time
from collections import defaultdict

# The tshark fields each analysis expects, tab-separated, in this order (the shell script passes the same list).
FIELDS_SIP = ["frame.time_epoch", "udp.srcport", "udp.dstport", "sip.Call-ID", "sip.Method", "sip.Status-Code",
              "sip.CSeq.method"]
FIELDS_RTP = ["frame.time_epoch", "rtp.ssrc", "rtp.seq", "rtp.p_type"]


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    s = sorted(values)
    rank = max(1, -(-len(s) * p // 100))  # ceil(n * p / 100), at least 1
    return s[int(rank) - 1]


def freeport():
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
            if port % 2 or port >= 65534:
                continue
            # the port pair must be free for UDP, and the first port for TCP too: our softphone listens on both
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as b, \
                        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    b.bind(("127.0.0.1", port + 1))
                    t.bind(("127.0.0.1", port))
            except OSError:
                continue
            print(port)
            return 0
    print("no free port pair found", file=sys.stderr)
    return 1


def ping(port, seconds):
    deadline = time.monotonic() + seconds
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
        s.settimeout(0.2)
        n = 0
        while time.monotonic() < deadline:
            n += 1
            msg = ("OPTIONS sip:ping@127.0.0.1:%d SIP/2.0\r\n"
                   "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-bench-%d-%d\r\n"
                   "Max-Forwards: 70\r\n"
                   "From: <sip:bench@127.0.0.1:%d>;tag=bench%d\r\n"
                   "To: <sip:ping@127.0.0.1:%d>\r\n"
                   "Call-ID: bench-ping-%d-%d@127.0.0.1\r\n"
                   "CSeq: %d OPTIONS\r\n"
                   "Content-Length: 0\r\n\r\n") % (port, local, os.getpid(), n, local, os.getpid(), port,
                                                   os.getpid(), n, n)
            s.sendto(msg.encode("ascii"), ("127.0.0.1", port))
            try:
                data = s.recv(65535)
                if data.startswith(b"SIP/2.0 "):
                    return 0
            except (socket.timeout, ConnectionRefusedError):
                pass
    return 1


def read_fields(path, count):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < count:
                cols += [""] * (count - len(cols))
            yield cols


def sip(path, uas_port):
    """Per Call-ID: INVITE (first, to the UAS) -> first 200 with CSeq method INVITE (from the UAS) = answer latency;
    INVITE -> ACK (from the UAC) = call-setup latency. On loopback one capture sees every datagram once, at the
    instant it crosses lo, which is both the instant one side sent it and the other can read it."""
    invite, ok, ack = {}, {}, {}
    for t, src, dst, call_id, method, status, cseq_method in read_fields(path, len(FIELDS_SIP)):
        if not call_id:
            continue
        t = float(t)
        # several SIP messages in one datagram do not happen here; tshark joins repeated fields with ','
        method, status, cseq_method = method.split(",")[0], status.split(",")[0], cseq_method.split(",")[0]
        if method == "INVITE" and dst == uas_port and call_id not in invite:
            invite[call_id] = t
        elif status == "200" and cseq_method == "INVITE" and src == uas_port and call_id not in ok:
            ok[call_id] = t
        elif method == "ACK" and dst == uas_port and call_id not in ack:
            ack[call_id] = t
    answer = [(ok[c] - invite[c]) * 1000 for c in invite if c in ok and ok[c] >= invite[c]]
    setup = [(ack[c] - invite[c]) * 1000 for c in invite if c in ack and ack[c] >= invite[c]]
    if not answer:
        print("calls=%d answered=0" % len(invite))
        return 1
    print("calls=%d answered=%d answer_p50=%.3f answer_p99=%.3f answer_max=%.3f setup_p50=%.3f setup_p99=%.3f"
          % (len(invite), len(answer), percentile(answer, 50), percentile(answer, 99), max(answer),
             percentile(setup, 50) if setup else float("nan"), percentile(setup, 99) if setup else float("nan")))
    return 0


def rtp(path):
    """Per SSRC, the gaps between consecutive packets in capture order (seq +1, i.e. no loss or reordering between
    them); the error is |gap - 20 ms|. Prints p50/p99/max over all streams and the number of gaps."""
    last = {}
    errors = []
    streams = defaultdict(int)
    for t, ssrc, seq, _pt in read_fields(path, len(FIELDS_RTP)):
        if not ssrc or not seq:
            continue
        t, seq = float(t), int(seq.split(",")[0])
        ssrc = ssrc.split(",")[0]
        streams[ssrc] += 1
        prev = last.get(ssrc)
        if prev is not None and (prev[1] + 1) % 65536 == seq:
            errors.append(abs((t - prev[0]) * 1000 - 20.0))
        last[ssrc] = (t, seq)
    if not errors:
        print("streams=%d gaps=0" % len(streams))
        return 1
    print("streams=%d packets=%d gaps=%d gap_error_p50=%.3f gap_error_p99=%.3f gap_error_max=%.3f"
          % (len(streams), sum(streams.values()), len(errors), percentile(errors, 50), percentile(errors, 99),
             max(errors)))
    return 0


def process_tree(pid):
    """PID and all its descendants, from the parent ids in /proc/<pid>/stat."""
    children = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children[int(fields[1])].append(int(entry))
            except (OSError, IndexError):
                pass
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def ticks(pid):
    total = 0
    for p in process_tree(pid):
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except OSError:
            pass
    print(total)
    return 0


def rss(pid):
    """Resident set size in KiB of PID and its descendants (VmRSS of /proc/<pid>/status)."""
    total = 0
    for p in process_tree(pid):
        try:
            with open("/proc/%d/status" % p) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    print(total)
    return 0


def java_pid(pid):
    """The first process named java in PID's tree (the product's launcher script starts one), else nothing."""
    for p in process_tree(pid):
        try:
            with open("/proc/%d/comm" % p) as f:
                if f.read().strip() == "java":
                    print(p)
                    return 0
        except OSError:
            pass
    return 1


def pace(port, seconds):
    """Sends 172-byte RTP packets (PCMU, SSRC 0x5EF00001) every 20 ms; frame n is due at start + n * 20 ms, however
    late frame n-1 was, so lateness does not accumulate (as our Pacer). Sleeps with time.sleep until each deadline."""
    frames = int(seconds * 50)
    payload = bytes(160)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        start = time.monotonic_ns()
        for n in range(frames):
            due = start + n * 20_000_000
            while True:
                wait = due - time.monotonic_ns()
                if wait <= 0:
                    break
                time.sleep(wait / 1e9)
            header = bytes([0x80, 0]) + (n & 0xFFFF).to_bytes(2, "big") + ((n * 160) & 0xFFFFFFFF).to_bytes(4, "big") \
                + (0x5EF00001).to_bytes(4, "big")
            s.sendto(header + payload, ("127.0.0.1", port))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "freeport":
        return freeport()
    if len(argv) == 4 and argv[1] == "ping":
        return ping(int(argv[2]), float(argv[3]))
    if len(argv) == 4 and argv[1] == "sip":
        return sip(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "rtp":
        return rtp(argv[2])
    if len(argv) == 3 and argv[1] == "ticks":
        return ticks(int(argv[2]))
    if len(argv) == 3 and argv[1] == "java-pid":
        return java_pid(int(argv[2]))
    if len(argv) == 4 and argv[1] == "pace":
        return pace(int(argv[2]), float(argv[3]))
    if len(argv) == 3 and argv[1] == "rss":
        return rss(int(argv[2]))
    if len(argv) == 2 and argv[1] == "fields-sip":
        print(" ".join(FIELDS_SIP))
        return 0
    if len(argv) == 2 and argv[1] == "fields-rtp":
        print(" ".join(FIELDS_RTP))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
