#!/usr/bin/env python3
"""Load test of issue 8: CLIENTS concurrent clients, mixed reads and writes, for SECONDS against a
running Pasos (seeded with `pasos seed --scale N`, which includes the demo accounts).

Writers save revisions of their own step (team account) and send contributions to a regional
consultation opened for the run (the scale seed's regional accounts); readers browse the dashboard,
policy, step and round pages. Every acknowledged write (a 303 naming the saved revision or the
contribution's number) is written to ACKED as JSON, with a token that is unique to it, so that
`scripts/load.sh` can look for each one in a backup of the database afterwards.

    load.py --base http://127.0.0.1:3000 --clients 64 --seconds 60 --acked acked.json
With several --base (instances of Pasos on one database, as behind a balancer), the clients are
dealt among them in turn, each keeping its instance; the consultation is opened through the first.
Standard library only.
"""
import argparse
import datetime
import http.client
import json
import random
import re
import statistics
import threading
import time
import urllib.parse

PASSWORD = "pasos-demo"
TEAM = "equipo@pasos.demo"
READER = "directivo@pasos.demo"
# Sign-ins take turns: the throttle lets at most five attempts on one account (and twenty from one
# address) reach the password check at once, and forty readers share one account.
SIGN_IN = threading.Lock()
# The team's steps: each revision writer owns one, so their saves never race each other.
TEAM_STEPS = [("pnmpetf", s) for s in range(1, 10)] + [("pnmpeti", s) for s in range(1, 10)]


class Client:
    """One keep-alive connection with its own session cookie."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.base, self.host, self.port = base, url.hostname, url.port or 80
        self.conn = None
        self.cookie = None

    def request(self, method, path, form=None):
        body = urllib.parse.urlencode(form, doseq=True) if form is not None else None
        headers = {"Origin": self.base}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = self.cookie
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                self.conn.request(method, path, body, headers)
                res = self.conn.getresponse()
                data = res.read()
                if res.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return res.status, res.getheader("Location") or "", res.getheader("Set-Cookie"), data
            except (ConnectionError, http.client.HTTPException, TimeoutError):
                self.conn.close()
                self.conn = None
                # A kept-alive connection the server closed: a GET may be asked again, a POST not
                # (it may have been written).
                if attempt or method != "GET":
                    raise
        raise AssertionError("unreachable")

    def sign_in(self, email):
        with SIGN_IN:
            status, location, cookie, _ = self.request("POST", "/ingresar", {"correo": email, "contrasena": PASSWORD, "siguiente": ""})
        if status != 303 or not cookie:
            raise SystemExit(f"no se pudo iniciar sesión como {email}: {status} {location}")
        self.cookie = cookie.split(";")[0]


def number_after(location, key):
    m = re.search(re.escape(key) + r"=(\d+)", location)
    return int(m.group(1)) if m else None


def editor_base(client, code, step):
    status, _, _, page = client.request("GET", f"/politicas/{code}/pasos/{step}/editar")
    m = re.search(rb'name="base" value="(\d+)"', page)
    if status != 200 or not m:
        raise SystemExit(f"sin editor para {code} paso {step}: {status}")
    return int(m.group(1))


def open_round(team):
    """A regional consultation on PNMPETI's Entregable 2, open now, for every jurisdiction."""
    team.request("POST", "/politicas/pnmpeti/pasos/3/editar", {"base": str(editor_base(team, "pnmpeti", 3)), "texto": "Situación futura deseada, versión para la prueba de carga.", "accion": "guardar"})
    team.request("POST", "/politicas/pnmpeti/entregables/2/versiones", {"nota": "Versión para la prueba de carga"})
    _, _, _, page = team.request("GET", "/politicas/pnmpeti/entregables/2")
    select = re.search(rb'name="version_ronda">(.*?)</select>', page, re.S)
    versions = [int(v) for v in re.findall(rb'value="(\d+)"', select.group(1))] if select else []
    regions = sorted({r.decode() for r in re.findall(rb'name="regiones" value="(\d+)"', page)})
    if not versions or not regions:
        raise SystemExit("no hay versión congelada o regiones para abrir la ronda de carga")
    lima = datetime.timezone(datetime.timedelta(hours=-5))
    now = datetime.datetime.now(lima)
    form = {
        "tipo": "consulta_regional",
        "titulo": "Consulta regional de la prueba de carga",
        "version_ronda": str(max(versions)),
        "pasos": ["3", "4"],
        "abre": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "cierra": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "regiones": regions,
    }
    status, location, _, _ = team.request("POST", "/politicas/pnmpeti/entregables/2/rondas", form)
    if status != 303 or not location.startswith("/rondas/") or "error=" in location:
        raise SystemExit(f"no se pudo abrir la ronda de carga: {status} {location}")
    return location.split("?")[0]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}  # kind -> [seconds]
        self.status = {}  # status -> count
        self.errors = []
        self.revisions = []  # {"policy", "step", "revision", "token"}
        self.contributions = []  # {"number", "token", "author"}
        self.conflicts = 0

    def record(self, kind, status, seconds):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            self.status[status] = self.status.get(status, 0) + 1


def timed(c, tally, kind, method, path, form=None):
    """One request, its latency and status counted under `kind`; None (and an error counted) when
    the connection failed."""
    start = time.monotonic()
    try:
        status, location, _, _ = c.request(method, path, form)
    except Exception as e:  # noqa: BLE001 - every failure is counted and reported
        with tally.lock:
            tally.errors.append(f"{kind} {path}: {e!r}")
        return None
    tally.record(kind, status, time.monotonic() - start)
    return status, location


def writer_revisions(base, owned, deadline, tally, n):
    code, step = owned
    c = Client(base)
    c.sign_in(TEAM)
    rev = editor_base(c, code, step)
    i = 0
    while time.monotonic() < deadline:
        token = f"carga-rev-{n}-{i}"
        answer = timed(c, tally, "guardar revisión", "POST", f"/politicas/{code}/pasos/{step}/editar",
                       {"base": str(rev), "texto": f"Texto de prueba de carga {token}.", "resumen": token, "accion": "guardar"})
        if answer is None:
            return
        status, location = answer
        saved = number_after(location, "guardado") if status == 303 else None
        if saved is not None:
            with tally.lock:
                tally.revisions.append({"policy": code, "step": step, "revision": saved, "token": token})
            rev = saved
        else:
            with tally.lock:
                tally.conflicts += 1
            rev = editor_base(c, code, step)
        i += 1


def writer_contributions(base, round_path, email, deadline, tally, n):
    c = Client(base)
    c.sign_in(email)
    i = 0
    while time.monotonic() < deadline:
        token = f"carga-apo-{n}-{i}"
        answer = timed(c, tally, "enviar aporte", "POST", f"{round_path}/aportes", {"paso": random.choice(["3", "4"]), "texto": f"Aporte de prueba de carga {token}."})
        if answer is None:
            return
        status, location = answer
        sent = number_after(location, "enviado") if status == 303 else None
        if sent is not None:
            with tally.lock:
                tally.contributions.append({"number": sent, "token": token, "author": email})
        else:
            with tally.lock:
                tally.errors.append(f"aporte {token}: {status} {location}")
        i += 1


def reader(base, paths, deadline, tally, seed):
    rng = random.Random(seed)
    c = Client(base)
    c.sign_in(READER)
    while time.monotonic() < deadline:
        kind, path = rng.choice(paths)
        if timed(c, tally, kind, "GET", path) is None:
            return


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, action="append", help="an instance's address (repeatable)")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--big-round", default="", help="the scale seed's round with 2,000 contributions (/rondas/…)")
    ap.add_argument("--acked", required=True, help="where to write the acknowledged writes (JSON)")
    args = ap.parse_args()

    bases = args.base
    team = Client(bases[0])
    team.sign_in(TEAM)
    round_path = open_round(team)
    # The server holds at most 64 connections from one address: the team's is done with.
    team.conn.close()
    team.conn = None
    revision_writers = min(8, len(TEAM_STEPS), args.clients // 4)
    contribution_writers = args.clients // 4
    readers = args.clients - revision_writers - contribution_writers
    paths = [("tablero", "/tablero"), ("política", "/politicas/pnmpeti"), ("paso", "/politicas/pnmpetf/pasos/1"),
             ("ronda de carga", round_path), ("rondas", "/rondas")]
    if args.big_round:
        paths += [("política de escala", "/politicas/esc0000"), ("paso de escala", "/politicas/esc0007/pasos/5"),
                  ("ronda con 2 000 aportes", args.big_round)]

    tally = Tally()
    deadline = time.monotonic() + args.seconds
    def client(work, *rest):
        """A client's thread: whatever ends it early (a refused sign-in, a reset connection) is
        counted as an error, never lost with the thread."""
        def run():
            try:
                work(*rest)
            except (Exception, SystemExit) as e:  # noqa: BLE001 - every failure is counted and reported
                with tally.lock:
                    tally.errors.append(f"{work.__name__}: {e!r}")
        return threading.Thread(target=run)

    threads = []
    for n in range(revision_writers):
        threads.append(client(writer_revisions, bases[n % len(bases)], TEAM_STEPS[n], deadline, tally, n))
    for n in range(contribution_writers):
        email = f"participante{n}@escala.pasos.pe" if args.big_round else TEAM
        threads.append(client(writer_contributions, bases[n % len(bases)], round_path, email, deadline, tally, n))
    for n in range(readers):
        threads.append(client(reader, bases[n % len(bases)], paths, deadline, tally, n))
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began

    total = sum(tally.status.values())
    print(f"{len(threads)} clientes ({revision_writers} guardan revisiones, {contribution_writers} envían aportes, {readers} leen) "
          f"en {len(bases)} instancia(s) durante {elapsed:.0f} s")
    print(f"{total} peticiones, {total / elapsed:.0f} por segundo; por estado: {dict(sorted(tally.status.items()))}")
    print("| Qué | peticiones | p50 (ms) | p99 (ms) | máx. (ms) |\n|---|---:|---:|---:|---:|")
    for kind, values in sorted(tally.latency.items()):
        values.sort()
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(f"| {kind} | {len(values)} | {statistics.median(values) * 1000:.1f} | {p99 * 1000:.1f} | {values[-1] * 1000:.1f} |")
    print(f"Escrituras confirmadas: {len(tally.revisions)} revisiones, {len(tally.contributions)} aportes; conflictos de edición: {tally.conflicts}")
    with open(args.acked, "w", encoding="utf-8") as f:
        json.dump({"round": round_path, "revisions": tally.revisions, "contributions": tally.contributions}, f)
    failures = sum(n for s, n in tally.status.items() if s >= 500)
    for e in tally.errors[:20]:
        print("ERROR:", e)
    if failures or tally.errors:
        raise SystemExit(f"FALLO: {failures} respuestas 5xx, {len(tally.errors)} errores")
    if not tally.revisions or not tally.contributions:
        raise SystemExit("FALLO: no se confirmó ninguna escritura")


if __name__ == "__main__":
    main()
