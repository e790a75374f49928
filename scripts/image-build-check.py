#!/usr/bin/env python3
"""The Dockerfile's build stage without a container engine.

Copies the build context as `docker build` / `docker-compose build` would send it (.dockerignore
applied by docker-py, the library Debian's docker-compose builds with) into a scratch folder,
checks that every COPY source of the Dockerfile is in it, and runs the build stage's Maven package
command there, offline (-o, on this machine's ~/.m2: the image would download instead), and checks
that it makes the jar the runtime stage copies.

Usage: scripts/image-build-check.py    (KEEP=1 keeps the scratch folder)
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from docker.utils.build import exclude_paths

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    raise SystemExit("image-build-check: FAILED: " + message)


def instructions(dockerfile):
    text = re.sub(r"\\\n", " ", open(dockerfile, encoding="utf-8").read())
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if words and not words[0].startswith("#"):
            yield words[0].upper(), words[1] if len(words) > 1 else ""


def main():
    patterns = [p.strip() for p in open(os.path.join(ROOT, ".dockerignore"), encoding="utf-8")
                if p.strip() and not p.lstrip().startswith("#")]
    context = tempfile.mkdtemp(prefix="ghl-image-context.")
    try:
        for path in exclude_paths(ROOT, patterns, dockerfile="Dockerfile"):
            source = os.path.join(ROOT, path)
            if os.path.isfile(source):
                os.makedirs(os.path.dirname(os.path.join(context, path)), exist_ok=True)
                shutil.copy2(source, os.path.join(context, path))
        files = sorted(os.path.relpath(p, context) for p in glob.glob(context + "/**", recursive=True)
                       if os.path.isfile(p))
        for leaked in (".env", "target", "data", ".git"):
            if any(f == leaked or f.startswith(leaked + "/") for f in files):
                fail(f"the build context holds {leaked}")
        print(f"image-build-check: build context {len(files)} files "
              f"({', '.join(sorted({f.split('/')[0] for f in files}))})")

        stage, commands = 0, []
        for instruction, args in instructions(os.path.join(ROOT, "Dockerfile")):
            if instruction == "FROM":
                stage += 1
            elif instruction == "COPY" and "--from=" not in args:
                for source in shlex.split(args)[:-1]:
                    if not glob.glob(os.path.join(context, source)):
                        fail(f"COPY {source}: not in the build context")
            elif instruction == "RUN" and stage == 1 and args.startswith("mvn ") and "go-offline" not in args:
                commands.append(shlex.split(args))
        if not commands:
            fail("no mvn package command in the build stage")
        for command in commands:
            print("image-build-check: " + " ".join(command) + " -o", flush=True)
            subprocess.run(command + ["-o"], cwd=context, check=True)
        jar = os.path.join(context, "target", "ghl-data-saas.jar")
        if not os.path.isfile(jar):
            fail("the build stage made no target/ghl-data-saas.jar")
        print(f"image-build-check: PASSED ({os.path.getsize(jar) // (1024 * 1024)} MiB jar)")
    finally:
        if os.environ.get("KEEP"):
            print("image-build-check: kept " + context)
        else:
            shutil.rmtree(context, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
