# Shared steps of the bench scripts, sourced by bench/footprint, bench/gateway and bench/webhooks.
# They check ports and PostgreSQL, build with Maven, and start Kafka and the stand-in provider from
# the local stack, the bench_<base port>_* databases and the services' JVMs. A cleanup stops all of it.
#
# The sourcing script sets base_port, then calls stack_init. Everything here runs on 127.0.0.1.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
repository="$(cd "$bench_dir/.." && pwd -P)"
launcher="$repository/deploy/local/roberto-local"
# The local stack's state folder for a bench run: data, logs and pid file. Emptied at each start.
state_dir="$bench_dir/.state/stack"
log_dir="$state_dir/logs"

# Port offsets from base_port, the same as the local stack's: auth-service takes base_port.
all_services=(auth billing runtime gateway webhook)
declare -A service_offsets=([auth]=0 [billing]=1 [runtime]=2 [gateway]=3 [webhook]=4)

postgres=(env PGOPTIONS=-cclient_min_messages=warning psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qAt)
ready_timeout_seconds=300

# The local stack's first account; a documented default for loopback use only.
bootstrap_email=admin@roberto.local
bootstrap_password=roberto-local-admin

# pids: the processes a run started, by name ("auth-service", "portkey"); started_ms and ready_ms
# by service short name ("auth").
declare -A pids=() started_ms=() ready_ms=()
launcher_started=false
databases=()
extra_ports=()

stack_init() {
  provider_port=$((base_port + 8))
  kafka_port=$((base_port + 20))
  kafka_controller_port=$((base_port + 21))
}

service_port() { echo $((base_port + service_offsets[$1])); }
service_url() { echo "http://127.0.0.1:$(service_port "$1")"; }
# The base port is part of the name, so two runs with different base ports use different databases.
database_of() { echo "bench_${base_port}_$1"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Prints one line of /proc/PID/status in KiB: VmRSS (now) or VmHWM (peak since start).
rss_kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.0f", kib / 1024 }'; }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
listening() { [[ -n "$(ss -Hltn "sport = :$1")" ]]; }
# Prints the user plus system CPU time a process has used, in microseconds, from /proc/PID/stat.
# With "children" it adds the time of its exited children. It prints with "%.0f" because mawk's
# "%d" stops at 2^31 - 1.
cpu_us() {
  awk -v ticks="$(getconf CLK_TCK)" -v children="${2:-}" '{
    sub(/^.*\) /, "")
    time = $12 + $13
    if (children == "children") time += $14 + $15
    printf "%.0f", time * 1000000 / ticks
  }' "/proc/$1/stat"
}

# Prints the CPU time of each part of the run in microseconds, as NAME=US lines: each process in
# pids, the stand-in's launcher JVM, Kafka, and every process of the shared PostgreSQL server. The
# last one includes the postmaster's exited children, so a backend that exits mid-phase still
# counts. A part whose process is gone prints no line. The machine's busy time and "window", the
# elapsed time (all cores' time divided by their count), both come from /proc/stat.
cpu_by_part() {
  local name pid time total=0
  for name in "${!pids[@]}"; do
    time="$(cpu_us "${pids[$name]}" 2>/dev/null)" && echo "$name=$time"
  done
  time="$(cpu_us "$launcher_pid" 2>/dev/null)" && echo "stand-in=$time"
  pid="$(listener_pid "$kafka_port")"
  if [[ -n "$pid" ]] && time="$(cpu_us "$pid" 2>/dev/null)"; then echo "kafka=$time"; fi
  for pid in $(pgrep -x postgres); do
    time="$(cpu_us "$pid" children 2>/dev/null)" && total=$((total + time))
  done
  echo "postgresql=$total"
  awk -v ticks="$(getconf CLK_TCK)" -v cores="$(nproc)" '$1 == "cpu" {
    total = 0
    for (i = 2; i <= NF; i++) total += $i
    printf "machine=%.0f\nwindow=%.0f\n", ($2 + $3 + $4 + $7 + $8) * 1000000 / ticks, total * 1000000 / ticks / cores
  }' /proc/stat
}

# Count the CPU of a phase. phase_cpu_end PHASE stores each part's CPU time in
# cpu_used_us["PHASE PART"], its cores in cores["PHASE PART"] and the parts' names in cpu_parts.
# It leaves out a part that was not read at both ends.
declare -A cores=() cpu_used_us=() part_cpu_before=()
cpu_parts=()
phase_cpu_start() {
  local line
  part_cpu_before=()
  while IFS= read -r line; do part_cpu_before[${line%%=*}]="${line#*=}"; done < <(cpu_by_part)
}
phase_cpu_end() {
  local phase="$1" line part
  local -A after=()
  while IFS= read -r line; do after[${line%%=*}]="${line#*=}"; done < <(cpu_by_part)
  local window_us=$((after[window] - part_cpu_before[window]))
  cpu_parts=()
  for part in "${!after[@]}"; do
    if [[ "$part" == window || -z "${part_cpu_before[$part]:-}" ]]; then continue; fi
    cpu_parts+=("$part")
    cpu_used_us["$phase $part"]=$((after[$part] - part_cpu_before[$part]))
    cores["$phase $part"]="$(awk -v us="${cpu_used_us[$phase $part]}" -v window="$window_us" \
      'BEGIN { value = window > 0 ? us / window : 0; if (value > -0.005 && value < 0.005) value = 0; printf "%.2f", value }')"
  done
}

# Prints a Markdown table of the cores that each part used, one row per "PHASE=LABEL" argument,
# with two lines that explain it. "other" is the machine's busy time that no listed part used. A
# part with no figure in a phase shows n/a.
print_cpu_table() {
  local phase_label phase header="| phase | machine" rule="|---|---:" row part listed
  local parts=()
  echo "CPU during the phases, in cores (of $(nproc)): the machine's busy time, and each part of the run."
  echo "other is the machine minus the parts: wrk, the operating system and any other process."
  echo
  for part in $(printf '%s\n' ${cpu_parts[@]+"${cpu_parts[@]}"} | grep -- '-service$' | sort) \
    $(printf '%s\n' ${cpu_parts[@]+"${cpu_parts[@]}"} | grep -v -- '-service$' | grep -vx machine | sort); do
    parts+=("$part")
    header+=" | $part"
    rule+="|---:"
  done
  echo "$header | other |"
  echo "$rule|---:|"
  for phase_label in "$@"; do
    phase="${phase_label%%=*}"
    row="| ${phase_label#*=} | ${cores[$phase machine]:-n/a}"
    listed=0
    for part in ${parts[@]+"${parts[@]}"}; do
      row+=" | ${cores[$phase $part]:-n/a}"
      listed="$(awk -v a="$listed" -v b="${cores[$phase $part]:-0}" 'BEGIN { print a + b }')"
    done
    echo "$row | $(awk -v m="${cores[$phase machine]:-0}" -v l="$listed" 'BEGIN { printf "%.2f", m - l }') |"
  done
}

# Prints the pid of the process listening on the port, or nothing.
listener_pid() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
machine_line() {
  echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
}
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# Prints how many full collections the JVM has run since it started (jstat's FGC column).
full_collections() {
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FGC") column = i } NR == 2 { print $column }'
}

# Runs a full collection in each service JVM and waits for it, so that a measured phase starts from
# a collected heap. Otherwise the garbage that the start and the warm-up moved to the old
# generation brings a full collection at a random point of the next phase (bench/README.md).
collect_service_heaps() {
  local name
  for name in "${!pids[@]}"; do
    if [[ "$name" == *-service ]]; then
      jcmd "${pids[$name]}" GC.run >/dev/null
    fi
  done
}

# Results of wrk (bench/wrk/pacing.lua's BENCH line) and of the harness, as results["KEY FIELD"].
declare -A results=()

# Stores the key=value fields of a result line, after its first word, as results["KEY FIELD"].
store_fields() {
  local key="$1" line="$2" field
  for field in ${line#* }; do
    results["$key ${field%%=*}"]="${field#*=}"
  done
}

# Prints the count of failed requests of a wrk run: non-2xx/3xx statuses, socket errors, timeouts.
errors_of() {
  echo $((results["$1 status_errors"] + results["$1 socket_errors"] + results["$1 timeouts"]))
}

# Prints the count of responses of a wrk run that were not errors.
successes_of() {
  echo $((results["$1 requests"] - results["$1 status_errors"]))
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
# Prints "met" when the comparison of two numbers holds, such as 'verdict 0.3 "<" 0.5', else "missed".
# A measurement of "n/a" (no successful request) is missed.
verdict() {
  if [[ "$1" != n/a ]] && awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; then
    echo met
  else
    echo missed
  fi
}

require_whole_numbers() {
  local number
  for number in "$@"; do
    if [[ ! "$number" =~ ^[0-9]+$ ]]; then
      echo "bench: '$number' is not a whole number. See --help." >&2
      exit 2
    fi
  done
}

# Prints every port a run uses: the five service ports, the provider, Kafka and extra_ports.
stack_ports() {
  local name
  for name in "${all_services[@]}"; do
    service_port "$name"
  done
  printf '%s\n' "$provider_port" "$kafka_port" "$kafka_controller_port" ${extra_ports[@]+"${extra_ports[@]}"}
}

# Checks that every port of the run is free and outside the kernel's ephemeral range. Outgoing
# connections take their local ports from that range, so one could take a port of the run mid-run.
require_free_ports() {
  local port first_ephemeral last_ephemeral
  read -r first_ephemeral last_ephemeral </proc/sys/net/ipv4/ip_local_port_range
  for port in $(stack_ports); do
    if ((port > 65535)); then
      echo "bench: port $port is above 65535. Choose a lower --base-port." >&2
      exit 2
    fi
    if ((port >= first_ephemeral && port <= last_ephemeral)); then
      echo "bench: port $port lies in this machine's ephemeral port range ($first_ephemeral to $last_ephemeral), where outgoing connections can take it. Choose a --base-port below $((first_ephemeral - 21)) or above $last_ephemeral." >&2
      exit 2
    fi
    if listening "$port"; then
      echo "bench: port $port on this machine is in use. Choose other ports with --base-port." >&2
      exit 1
    fi
  done
}

require_postgres() {
  if ! "${postgres[@]}" -c 'SELECT 1' >/dev/null; then
    echo "bench: PostgreSQL on 127.0.0.1:5432 does not accept user postgres without a password." >&2
    exit 1
  fi
}

# Installs wrk from Debian's packages when it is missing, as .ci/run does for Chromium.
require_wrk() {
  if command -v wrk >/dev/null; then
    return
  fi
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing wrk: apt-get install -y wrk" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
  if ! command -v wrk >/dev/null; then
    echo "bench: wrk is missing. Install it (apt-get install wrk)." >&2
    exit 1
  fi
}

# Builds the modules with 'package', never 'install', so nothing lands in the shared ~/.m2. Each
# service's build also writes an AppCDS archive (app-cds.jsa), which start_service passes to its JVM.
build_modules() {
  local modules="$1"
  local maven=(./mvnw -B -q package -DskipTests -DskipFormat=true -Dquarkus.package.jar.appcds.enabled=true -pl "$modules" -am)
  echo "Building: ${maven[*]}" >&2
  (cd "$repository" && "${maven[@]}")
}

require_service_jars() {
  local name jar
  for name in "$@"; do
    jar="$repository/$name-service/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$jar" ]]; then
      echo "bench: $jar is missing. Run without --no-build." >&2
      exit 1
    fi
  done
}

# Runs the benchmark harness (bench/harness) with the classpath its build wrote.
harness() {
  local module="$bench_dir/harness"
  java -cp "$module/target/classes:$(cat "$module/target/harness.classpath")" dev.roberto.bench.BenchHarness "$@"
}

require_harness() {
  if [[ ! -f "$bench_dir/harness/target/harness.classpath" ]]; then
    echo "bench: the benchmark harness is not built. Run without --no-build." >&2
    exit 1
  fi
}

# --- Kafka and the stand-in provider from the local stack, with a state folder of its own ---

start_local_stack() {
  rm -rf "$state_dir"
  mkdir -p "$log_dir"
  "$launcher" run --no-build --services none --state-dir "$state_dir" --base-port "$base_port" \
    --kafka-port "$kafka_port" --kafka-controller-port "$kafka_controller_port" \
    --provider-port "$provider_port" >"$log_dir/roberto-local.out" 2>&1 &
  launcher_pid=$!
  launcher_started=true
  echo "Starting Kafka and the stand-in provider (log $log_dir/roberto-local.out)." >&2
  local deadline=$(($(now_ms) + ready_timeout_seconds * 1000))
  until "$launcher" status --state-dir "$state_dir" >/dev/null 2>&1; do
    if ! kill -0 "$launcher_pid" 2>/dev/null || (($(now_ms) > deadline)); then
      echo "bench: the local stack did not start. See $log_dir/roberto-local.out." >&2
      exit 1
    fi
    sleep 1
  done
}

create_databases() {
  local name database
  for name in "$@"; do
    database="$(database_of "$name")"
    "${postgres[@]}" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
    databases+=("$database")
  done
}

# --- The services, with the command line of deploy/local's ServiceLaunch ---

# The folder of a service's fast-jar, where its JVM runs (see start_service).
app_dir() { echo "$repository/$1-service/target/quarkus-app"; }

# The JVM options of RunCommand.SERVICE_JVM_OPTIONS in deploy/local. ROBERTO_BENCH_JVM_OPTIONS
# replaces them, for an A/B run of other options.
read -r -a service_jvm_options <<<"${ROBERTO_BENCH_JVM_OPTIONS:--Xmx128m -Xms32m -XX:MetaspaceSize=128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000}"

# Prints the services' JVM options for a report's header, and whether they use an AppCDS archive.
service_jvm_line() {
  local name appcds=on
  for name in "$@"; do
    if [[ ! -f "$(app_dir "$name")/app-cds.jsa" ]]; then
      appcds=off
    fi
  done
  echo "services at ${service_jvm_options[*]}, AppCDS $appcds"
}

# Prints the java command of one service, one argument a line; extra arguments go before -jar.
# The AppCDS archive is used when the build wrote one.
service_command() {
  local name="$1" port database
  shift
  port="$(service_port "$name")"
  database="$(database_of "$name")"
  printf '%s\n' java "${service_jvm_options[@]}"
  if [[ -f "$(app_dir "$name")/app-cds.jsa" ]]; then
    printf '%s\n' -XX:SharedArchiveFile=app-cds.jsa
  fi
  printf '%s\n' \
    -Dquarkus.http.host=127.0.0.1 \
    "-Dquarkus.http.port=$port" \
    -Dquarkus.datasource.username=postgres \
    "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/$database" \
    "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/$database" \
    "-Dkafka.bootstrap.servers=127.0.0.1:$kafka_port" \
    "-Droberto.control-plane.url=http://127.0.0.1:$base_port"

  if [[ "$name" == auth ]]; then
    printf '%s\n' "-Droberto.auth.bootstrap.email=$bootstrap_email"
    local other
    for other in billing runtime gateway webhook; do
      printf '%s\n' "-Droberto.discovery.$other-url=$(service_url "$other")"
    done
  fi

  if [[ "$name" == gateway ]]; then
    local prefix=-Droberto.gateway.providers
    printf '%s\n' "$prefix.stand-in.kind=openai" \
      "$prefix.stand-in.base-url=http://127.0.0.1:$provider_port" \
      "$prefix.stand-in.models=stand-in-chat,stand-in-embedding" \
      "$prefix.stand-in-anthropic.kind=anthropic" \
      "$prefix.stand-in-anthropic.base-url=http://127.0.0.1:$provider_port" \
      "$prefix.stand-in-anthropic.models=stand-in-chat"
  fi

  if (($# > 0)); then
    printf '%s\n' "$@"
  fi
  printf '%s\n' -jar quarkus-run.jar
}

# Fresh keys for this run only; they reach the services through the environment, never argv.
auth_key="$(head -c 32 /dev/urandom | base64)"
webhook_key="$(head -c 32 /dev/urandom | base64)"
script_url_key="$(head -c 32 /dev/urandom | base64)"

# Starts a service in the background; extra arguments are system properties for its JVM.
start_service() {
  local name="$1" command
  shift
  mapfile -t command < <(service_command "$name" "$@")
  started_ms[$name]=$(now_ms)
  # The JVM runs in the jar's folder, because the AppCDS archive names the jar relative to it. exec
  # keeps the subshell's pid for the JVM.
  (cd "$(app_dir "$name")" &&
    ROBERTO_AUTH_KEYS_ENCRYPTION_KEY="$auth_key" \
      ROBERTO_AUTH_BOOTSTRAP_PASSWORD="$bootstrap_password" \
      ROBERTO_WEBHOOK_SIGNING_SECRETS_ENCRYPTION_KEY="$webhook_key" \
      ROBERTO_UPDATES_SCRIPT_URL_SIGNING_KEY="$script_url_key" \
      exec "${command[@]}" >"$log_dir/$name-service.log" 2>&1) &
  pids[$name-service]=$!
}

# Waits until GET /q/health/ready returns 200, polled every 50 ms, and sets ready_ms[name] to the
# time since start_service.
await_ready() {
  local name="$1" port log deadline
  port="$(service_port "$name")"
  log="$log_dir/$name-service.log"
  deadline=$((started_ms[$name] + ready_timeout_seconds * 1000))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
    "http://127.0.0.1:$port/q/health/ready" || true)" == 200 ]]; do
    if ! kill -0 "${pids[$name-service]}" 2>/dev/null; then
      echo "bench: $name-service exited before it was ready. See $log." >&2
      exit 1
    fi
    if (($(now_ms) > deadline)); then
      echo "bench: $name-service was not ready within $ready_timeout_seconds s. See $log." >&2
      exit 1
    fi
    sleep 0.05
  done
  ready_ms[$name]=$(($(now_ms) - started_ms[$name]))
}

# Stops one service with SIGTERM, as Kubernetes stops a pod, and waits until its JVM has exited.
# Sends SIGKILL after 20 s and stops the run, because a service that ignores SIGTERM is a failure.
stop_service() {
  local name="$1" pid waited=0
  pid="${pids[$name-service]}"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < 200)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "bench: $name-service (pid $pid) did not stop within 20 s of SIGTERM. See $log_dir/$name-service.log." >&2
    exit 1
  fi
  wait "$pid" 2>/dev/null || true
  unset "pids[$name-service]"
}

# --- Cleanup: stop what this run started, in reverse order, then check that nothing is left ---

# Sends SIGTERM to every process in pids (services and any other process a script added), then
# SIGKILL to those still running after 20 s.
stop_processes() {
  local name waited
  for name in "${!pids[@]}"; do
    kill -TERM "${pids[$name]}" 2>/dev/null || true
  done
  for name in "${!pids[@]}"; do
    waited=0
    while kill -0 "${pids[$name]}" 2>/dev/null && ((waited < 200)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "${pids[$name]}" 2>/dev/null; then
      echo "bench: $name (pid ${pids[$name]}) did not stop within 20 s; killing it." >&2
      kill -KILL "${pids[$name]}" 2>/dev/null || true
    fi
    wait "${pids[$name]}" 2>/dev/null || true
  done
}

stack_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_processes
  if [[ "$launcher_started" == true ]]; then
    "$launcher" stop --state-dir "$state_dir" >/dev/null || echo "bench: roberto-local stop failed." >&2
    wait "$launcher_pid" 2>/dev/null || true
  fi
  local database
  for database in ${databases[@]+"${databases[@]}"}; do
    "${postgres[@]}" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null ||
      echo "bench: dropping database $database failed." >&2
  done

  local left=() name port
  for name in "${!pids[@]}"; do
    if kill -0 "${pids[$name]}" 2>/dev/null; then
      left+=("$name pid ${pids[$name]}")
    fi
  done
  for port in $(stack_ports); do
    if listening "$port"; then
      left+=("port $port")
    fi
  done
  if ((${#left[@]} > 0)); then
    echo "bench: still running after the stop: ${left[*]}" >&2
    status=1
  else
    echo "Stopped everything: no process and no listening port is left from this run." >&2
  fi
  exit "$status"
}

# Installs the cleanup; call it before starting anything.
stack_trap() {
  trap stack_cleanup EXIT
  trap 'exit 130' INT TERM
}
