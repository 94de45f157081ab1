#!/usr/bin/env python3
"""Time to the process explorer's first view in headless Chromium, after the analysis is done.

    Benchmarks/server/ui-first-view.py SERVER_BINARY [LOG] [--runs N]

Starts SERVER_BINARY (a release `tracewise-server`) on a free loopback port with a throw-away data folder and this
repository's Web/ as its UI, uploads LOG (default ../shared/datasets/bpic2012.xes.gz), analyses it and waits for the
job, then drives Debian's chromium through chromedriver (plain W3C WebDriver over HTTP, 127.0.0.1 only):

- navigation: from the app's hash change to #/analyses/ID (as when the analysis finishes, or a link is clicked)
  until the KPIs, the map's SVG and the first variant page are on screen;
- page load: from navigation start of a fresh load of /#/analyses/ID until the same.

Prints each run and the median. Nothing leaves the machine.
"""
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
READY = ("return !!document.querySelector('[data-kpi=cases] dd') && "
         "!!document.querySelector('[data-testid=map] svg') && "
         "document.querySelectorAll('[data-testid=variants] tbody tr').length > 0")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=600):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read()
        return json.loads(text) if text else None


class Driver:
    def __init__(self, url):
        self.url = url
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
                     "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions"]}}}}
        self.session = http("POST", f"{url}/session", caps, {"Content-Type": "application/json"})["value"]["sessionId"]

    def call(self, method, path, body=None):
        return http(method, f"{self.url}/session/{self.session}{path}", body, {"Content-Type": "application/json"})["value"]

    def navigate(self, url):
        self.call("POST", "/url", {"url": url})

    def execute(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script, *args):
        return self.call("POST", "/execute/async", {"script": script, "args": list(args)})

    def wait(self, script, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.execute(script):
                return
            time.sleep(0.05)
        raise TimeoutError(script)

    def quit(self):
        try:
            http("DELETE", f"{self.url}/session/{self.session}")
        except Exception:
            pass


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--runs")]
    runs = int(next((a.split("=")[1] for a in sys.argv[1:] if a.startswith("--runs=")), "5"))
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args[0])
    log = os.path.abspath(args[1]) if len(args) > 1 else os.path.join(ROOT, "..", "shared", "datasets", "bpic2012.xes.gz")
    data = tempfile.mkdtemp(prefix="tracewise-ui-bench-")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--data", data, "--static", os.path.join(ROOT, "Web"),
                               "--packs", os.path.join(ROOT, "Examples", "Packs"), "--rate-limit", "100000", "--rate-burst", "100000"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    driver_process = None
    driver = None
    try:
        url = key = None
        for line in server.stdout:
            if line.startswith("listening on "):
                url = line.split("listening on ", 1)[1].strip()
            if "api key: " in line:
                key = line.split("api key: ", 1)[1].strip()
            if url and key:
                break
        auth = {"Authorization": f"Bearer {key}"}
        started = time.time()
        with open(log, "rb") as f:
            uploaded = http("POST", f"{url}/tenants/demo/logs?name={os.path.basename(log)}", f.read(), auth)
        analysis = http("POST", f"{url}/tenants/demo/analyses", {"logId": uploaded["id"]}, {**auth, "Content-Type": "application/json"})
        while True:
            status = http("GET", f"{url}/tenants/demo/analyses/{analysis['id']}", headers=auth)
            if status["status"] in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(0.5)
        if status["status"] != "succeeded":
            sys.exit(f"the analysis {status['status']}: {status.get('error')}")
        print(f"log: {os.path.basename(log)} ({uploaded['cases']:,} cases, {uploaded['events']:,} events); "
              f"upload + analysis {time.time() - started:.1f} s")
        variants = http("GET", f"{url}/tenants/demo/analyses/{analysis['id']}/variants?limit=1", headers=auth)["total"]
        print(f"variants: {variants:,}; machine: {os.cpu_count()} cores, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

        driver_port = free_port()
        driver_process = subprocess.Popen(["/usr/bin/chromedriver", f"--port={driver_port}", "--allowed-ips=127.0.0.1"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                http("GET", f"http://127.0.0.1:{driver_port}/status")
                break
            except Exception:
                time.sleep(0.1)
        driver = Driver(f"http://127.0.0.1:{driver_port}")
        driver.navigate(url + "/")
        driver.execute("sessionStorage.setItem('tracewise.apiKey', arguments[0])", key)
        target = f"#/analyses/{analysis['id']}"
        navigation, load = [], []
        for _ in range(runs):
            driver.navigate(url + "/#/")
            driver.wait("return !!document.querySelector('#upload-start')")
            elapsed = driver.execute_async("""
                const done = arguments[arguments.length - 1];
                const ready = () => %s;
                const start = performance.now();
                const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); done(performance.now() - start); } });
                observer.observe(document.body, { childList: true, subtree: true });
                location.hash = arguments[0];
            """ % READY[len("return "):], target)
            navigation.append(elapsed)
            driver.navigate("about:blank")
            driver.navigate(url + "/" + target)
            load.append(driver.execute_async("""
                const done = arguments[arguments.length - 1];
                const ready = () => %s;
                if (ready()) { done(performance.now()); return; }
                const observer = new MutationObserver(() => { if (ready()) { observer.disconnect(); done(performance.now()); } });
                observer.observe(document.body, { childList: true, subtree: true });
            """ % READY[len("return "):]))
        for name, values in (("navigation to the explorer", navigation), ("page load of the explorer", load)):
            print(f"{name}: " + ", ".join(f"{v:.0f}" for v in values) + f" ms; median {statistics.median(values):.0f} ms")
    finally:
        if driver:
            driver.quit()
        if driver_process:
            driver_process.terminate()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        subprocess.run(["rm", "-rf", data])


if __name__ == "__main__":
    main()
