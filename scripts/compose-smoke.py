#!/usr/bin/env python3
"""docker-compose.yml run without a container engine, as far as one machine can.

Reads the services exactly as compose resolves them (`docker-compose config`: .env interpolated,
env_file merged, Debian's docker-compose 1.29) plus the Dockerfile's ENV, and starts, in
depends_on order, one process per container:

  postgres  the machine's PostgreSQL 15 on 127.0.0.1:5432 (trust, user postgres), a fresh database
  redis     redis-server with the service's own command line (its password), on 127.0.0.3
  api       docker/entrypoint.sh -> the jar, on 127.0.0.10
  worker    the same, twice (--scale worker=2), on 127.0.0.11 and 127.0.0.12; later a third
            (--scale worker=3), on 127.0.0.13

Each container gets a loopback address of its own, as it gets an IP on compose's network, so the
Hazelcast port is the compose file's for every node. What compose's DNS does is done by a hosts
file per JVM (-Djdk.net.hosts.file, and -Dvertx.disableDnsResolver=true so that Vert.x resolves
through it too): service names resolve to the addresses of the running containers, and the alias
ghl-cluster to every api and worker address; a container started later is added to every file. The entrypoint finds its address through `hostname -i` (a stub on PATH that
prints it). Published and management ports, which all containers bind on 0.0.0.0 here, are
remapped to free ones; that, the two JVM flags, GHL_DATA_JAR and DATA_DIR under a scratch folder
are the only differences from the containers' environment.

Then: every node passes the image's HEALTHCHECK script, the api sees three cluster members, an
upload through the api is converted, jobs.worker_node names a worker process, /metrics answers
METRICS_TOKEN, every log line is JSON; a third worker started then joins (four members). Every process it started is stopped by its pid (SIGTERM) and the database dropped.

Usage: scripts/compose-smoke.py    (JAR=... for another jar; KEEP=1 keeps the scratch folder)
Needs: the packaged jar, docker-compose (Debian), PostgreSQL on 127.0.0.1:5432, redis-server.
"""
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.abspath(os.environ.get("JAR", os.path.join(ROOT, "target", "ghl-data-saas.jar")))
DATABASE = "ghl_compose_smoke"
# One loopback address per container, as compose gives each one an IP on its network.
ADDRESSES = {"postgres": ["127.0.0.1"], "redis": ["127.0.0.3"],
             "api": ["127.0.0.10"], "worker": ["127.0.0.11", "127.0.0.12", "127.0.0.13"]}
CLUSTER_ALIAS = "ghl-cluster"

started = []  # (name, Popen), in start order
running = {"postgres": ["127.0.0.1"], "redis": ["127.0.0.3"], "api": [], "worker": []}  # what compose's DNS answers
hosts_files = {}  # address -> the hosts file of the JVM there


def log(message):
    print("compose-smoke: " + message, flush=True)


def fail(message):
    raise SystemExit("compose-smoke: FAILED: " + message)


def env_file(example, overrides):
    """.env.example with the secrets a user must set replaced (as `cp .env.example .env` + editing)."""
    lines = open(example, encoding="utf-8").read().splitlines()
    for key, value in overrides.items():
        pattern = re.compile(r"^#?\s*" + re.escape(key) + "=")
        for i, line in enumerate(lines):
            if pattern.match(line):
                lines[i] = f"{key}={value}"
                break
        else:
            lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def dockerfile_env(path):
    """The ENV of the Dockerfile's last stage: the image's environment."""
    text = re.sub(r"\\\n", " ", open(path, encoding="utf-8").read())
    env = {}
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words or words[0].upper() == "FROM":
            env = {} if words else env
            continue
        if words[0].upper() == "ENV" and len(words) == 2:
            for pair in shlex.split(words[1]):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def start_order(services):
    order, seen = [], set()

    def visit(name):
        if name not in seen:
            seen.add(name)
            for dependency in services[name].get("depends_on", {}):
                visit(dependency)
            order.append(name)
    for name in services:
        visit(name)
    return order


def bindable(address, port):
    with socket.socket() as s:
        try:
            s.bind((address, port))
            return True
        except OSError:
            return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(what, check, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        for name, process in started:
            if process.poll() is not None:
                fail(f"{name} exited with {process.returncode} while waiting for {what}")
        result = check()
        if result:
            return result
        time.sleep(1)
    fail(f"{what}: not within {seconds} s")


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return None, b""


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qtAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def write_hosts_files():
    """Every JVM's view of compose's DNS: the running containers (the JDK rereads the file)."""
    for own_address, path in hosts_files.items():
        lines = ["127.0.0.1 localhost", f"{own_address} {socket.gethostname()}"]
        for service, addresses in running.items():
            for address in addresses:
                alias = f" {CLUSTER_ALIAS}" if service in ("api", "worker") else ""
                lines.append(f"{address} {service}{alias}")
        with open(path + ".new", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(path + ".new", path)


def node_environment(service_env, image_env, node_dir, address, ports):
    """What the container would get (image ENV, then compose's environment), adapted to one machine."""
    env = dict(image_env)
    env.update({k: "" if v is None else str(v) for k, v in service_env.items()})
    for key in ("HTTP_PORT", "MANAGEMENT_PORT"):
        if env.get(key):
            env[key] = str(free_port())
    env["CLUSTER_PORT"] = str(ports["cluster"])
    if env.get("REDIS_URL"):
        env["REDIS_URL"] = env["REDIS_URL"].replace("@redis:6379", f"@redis:{ports['redis']}")
    if env.get("DATA_DIR", "").startswith("/app/"):
        env["DATA_DIR"] = os.path.join(node_dir, env["DATA_DIR"][len("/app/"):])
    hosts = os.path.join(node_dir, "hosts")
    hosts_files[address] = hosts
    bin_dir = os.path.join(node_dir, "bin")
    os.makedirs(bin_dir)
    with open(os.path.join(bin_dir, "hostname"), "w", encoding="utf-8") as f:
        f.write(f"#!/bin/sh\n# `hostname -i` in the container: its own address\necho {address}\n")
    os.chmod(os.path.join(bin_dir, "hostname"), 0o755)
    env["JAVA_OPTS"] = (env.get("JAVA_OPTS", "") + f" -Djdk.net.hosts.file={hosts}"
                        " -Dvertx.disableDnsResolver=true").strip()
    env["GHL_DATA_JAR"] = JAR
    env["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    env["HOME"] = node_dir
    return env


def healthy(env):
    probe = subprocess.run([os.path.join(ROOT, "docker", "healthcheck.sh")],
                           env={"PATH": os.environ["PATH"], "MANAGEMENT_PORT": env["MANAGEMENT_PORT"]},
                           capture_output=True)
    return probe.returncode == 0


def start_node(scratch, name, replica, service, image_env, ports, env_of):
    """One container of an app service: docker/entrypoint.sh with the container's environment."""
    address = ADDRESSES[name][replica - 1]
    node = f"{name}-{replica}"
    node_dir = os.path.join(scratch, node)
    os.makedirs(node_dir)
    env = node_environment(service["environment"], image_env, node_dir, address, ports)
    running[name].append(address)
    write_hosts_files()
    process = subprocess.Popen([os.path.join(ROOT, "docker", "entrypoint.sh")], cwd=node_dir, env=env,
                               stdout=open(os.path.join(node_dir, "log"), "w"), stderr=subprocess.STDOUT)
    started.append((node, process))
    env_of[node] = (env, process)
    log(f"{node}: pid {process.pid}, {address}, HTTP {env.get('HTTP_PORT')}, "
        f"management {env['MANAGEMENT_PORT']}, roles {env['NODE_ROLES']}")
    return node


def multipart(filename, content):
    boundary = "----ghl" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{content}\r\n--{boundary}--\r\n").encode()
    return body, "multipart/form-data; boundary=" + boundary


def stop_all():
    for name, process in reversed(started):
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    codes = {}
    for name, process in reversed(started):
        try:
            codes[name] = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            codes[name] = process.wait()
    return codes


def main():
    if not os.path.isfile(JAR):
        fail(f"no jar at {JAR} (mvn -q -DskipTests package)")
    scratch = tempfile.mkdtemp(prefix="ghl-compose-smoke.")
    try:
        run(scratch)
    finally:
        codes = stop_all()
        if codes:
            log("stopped " + ", ".join(f"{n} (exit {c})" for n, c in codes.items()))
        try:
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        except (subprocess.CalledProcessError, FileNotFoundError):
            pass
        if os.environ.get("KEEP"):
            log(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def run(scratch):
    # The project as a user sets it up: the compose file beside a .env made from .env.example.
    metrics_token = secrets.token_hex(24)
    shutil.copy(os.path.join(ROOT, "docker-compose.yml"), scratch)
    with open(os.path.join(scratch, ".env"), "w", encoding="utf-8") as f:
        f.write(env_file(os.path.join(ROOT, ".env.example"), {
            "JWT_SECRET": secrets.token_urlsafe(48), "POSTGRES_USER": "postgres", "POSTGRES_DB": DATABASE,
            "POSTGRES_PASSWORD": secrets.token_hex(16), "REDIS_PASSWORD": secrets.token_hex(16),
            "METRICS_TOKEN": metrics_token}))
    resolved = subprocess.run(["docker-compose", "-f", os.path.join(scratch, "docker-compose.yml"), "config"],
                              cwd=scratch, check=True, capture_output=True, text=True).stdout
    services = yaml.safe_load(resolved)["services"]
    # Profiles off (Prometheus runs only with --profile monitoring), as in `docker compose up`.
    services = {n: s for n, s in services.items() if not s.get("profiles")}
    for key in ("container_name", "ports"):
        if key in services["worker"]:
            fail(f"worker has {key}: `--scale worker=N` could not start N of them")
    image_env = dockerfile_env(os.path.join(ROOT, "Dockerfile"))
    replicas = {"worker": 2}

    nodes = ADDRESSES["api"] + ADDRESSES["worker"]
    cluster_port = int(services["api"]["environment"]["CLUSTER_PORT"])
    if not all(bindable(a, cluster_port) for a in nodes):
        cluster_port = free_port()
    redis_port = 6379 if bindable(ADDRESSES["redis"][0], 6379) else free_port()
    ports = {"cluster": cluster_port, "redis": redis_port}
    log(f"services in start order: {start_order(services)}; Hazelcast port {cluster_port}, Redis port {redis_port}")

    env_of = {}
    for name in start_order(services):
        service = services[name]
        if name == "postgres":
            env = service["environment"]
            if env["POSTGRES_USER"] != "postgres" or env["POSTGRES_DB"] != DATABASE:
                fail("compose did not take POSTGRES_USER / POSTGRES_DB from .env")
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            psql(f"CREATE DATABASE {DATABASE}")
            log("postgres: the machine's PostgreSQL, fresh database " + DATABASE)
            continue
        if name == "redis":
            address = ADDRESSES["redis"][0]
            data = os.path.join(scratch, "redis")
            os.makedirs(data)
            command = service["command"] + ["--bind", address, "--port", str(redis_port), "--dir", data,
                                            "--save", "", "--daemonize", "no"]
            started.append(("redis", subprocess.Popen(command, stdout=open(os.path.join(data, "log"), "w"),
                                                      stderr=subprocess.STDOUT)))
            auth = {**os.environ, "REDISCLI_AUTH": service["environment"]["REDISCLI_AUTH"]}
            wait("redis healthy", lambda: subprocess.run(
                ["redis-cli", "-h", address, "-p", str(redis_port), "ping"], env=auth,
                capture_output=True, text=True).stdout.strip() == "PONG", 30)
            log(f"redis: {address}:{redis_port}, password required")
            continue
        nodes = [start_node(scratch, name, replica, service, image_env, ports, env_of)
                 for replica in range(1, replicas.get(name, 1) + 1)]
        # depends_on: condition: service_healthy, through the image's own HEALTHCHECK command.
        for node in nodes:
            wait(f"{node} healthy", lambda env=env_of[node][0]: healthy(env), 180)
            log(f"{node}: healthy (docker/healthcheck.sh)")

    api_env, api_process = env_of["api-1"]
    base = f"http://127.0.0.1:{api_env['HTTP_PORT']}"

    def cluster_of(members):
        def check():
            status, body = http("GET", base + "/health/ready")
            if status != 200:
                return None
            cluster = next(c for c in json.loads(body)["checks"] if c["id"] == "cluster")
            return cluster if cluster["data"]["members"] == members else None
        return check
    cluster = wait("the api sees every node in its cluster", cluster_of(1 + replicas["worker"]), 120)
    log(f"api readiness: {json.dumps(cluster['data'])}")

    status, body = http("POST", base + "/auth/register", json.dumps(
        {"email": "ana@example.com", "password": "a long passphrase"}).encode(), {"Content-Type": "application/json"})
    if status != 201:
        fail(f"register: {status} {body[:300]!r}")
    bearer = {"Authorization": "Bearer " + json.loads(body)["token"]}
    upload, content_type = multipart("contatos.csv", "Nome;E-mail;Telefone\nMaria Silva;maria@example.com;(11) 98765-4321\n")
    status, body = http("POST", base + "/jobs", upload, {**bearer, "Content-Type": content_type})
    if status != 202:
        fail(f"upload: {status} {body[:300]!r}")
    job = json.loads(body)["id"]

    def done():
        s, b = http("GET", f"{base}/jobs/{job}", headers=bearer)
        state = json.loads(b).get("status") if s == 200 else None
        if state == "failed":
            fail(f"job failed: {b[:300]!r}")
        return state == "done"
    wait("the job done", done, 90)
    status, csv = http("GET", f"{base}/jobs/{job}/download", headers=bearer)
    if status != 200 or b"Maria,Silva,maria@example.com,+5511987654321" not in csv:
        fail(f"download: {status} {csv[:300]!r}")

    worker_node = psql(f"SELECT worker_node FROM jobs WHERE id = '{job}'", DATABASE)
    pid = int(re.match(r"^[^/]*:(\d+)/", worker_node).group(1))
    workers = {p.pid: n for n, (_, p) in env_of.items() if n.startswith("worker-")}
    if pid not in workers:
        fail(f"jobs.worker_node {worker_node} is no worker's pid {sorted(workers)}")
    log(f"job {job} converted on {workers[pid]} (jobs.worker_node {worker_node}); download matches")

    status, metrics = http("GET", f"http://127.0.0.1:{api_env['MANAGEMENT_PORT']}/metrics",
                           headers={"Authorization": "Bearer " + metrics_token})
    if status != 200 or b"ghl_" not in metrics:
        fail(f"/metrics with METRICS_TOKEN: {status}")
    # Even from the loopback: the token, from .env through env_file, is in force.
    status, _ = http("GET", f"http://127.0.0.1:{api_env['MANAGEMENT_PORT']}/metrics")
    if status not in (401, 403):
        fail(f"/metrics without METRICS_TOKEN: {status}, not refused")
    log("/metrics answers METRICS_TOKEN only")

    # docker compose up --scale worker=3: one more container, found by nobody's list but the DNS.
    node = start_node(scratch, "worker", 3, services["worker"], image_env, ports, env_of)
    wait(f"{node} healthy", lambda: healthy(env_of[node][0]), 180)
    cluster = wait("the api sees the new worker", cluster_of(4), 120)
    log(f"{node}: healthy; api readiness: {json.dumps(cluster['data'])}")

    for node in env_of:
        for line in open(os.path.join(scratch, node, "log"), encoding="utf-8"):
            try:
                json.loads(line)["node"]
            except (ValueError, KeyError):
                fail(f"{node}'s log (LOG_FORMAT=json) has a line that is no JSON object with a node: {line[:200]}")
    log("every node's log is JSON lines")
    log("PASSED")


if __name__ == "__main__":
    main()
