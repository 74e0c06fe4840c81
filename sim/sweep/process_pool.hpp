#pragma once
// Runs programs as child processes, at most N at a time, each with stdout and stderr going to
// files: how a sweep runs `afdsim run` for its points (one SimGrid engine per process). POSIX
// fork/exec; no SimGrid. Each child runs in its own process group, so that a terminal's Ctrl-C
// reaches only the sweep, which decides what the children get (signal_all), and gets SIGTERM
// should the sweep die first (Linux PR_SET_PDEATHSIG): no child outlives it unaware.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct ChildCommand {
  std::string program;            // the file executed ("/proc/self/exe": this very binary, even if
                                  // rebuilt meanwhile)
  std::vector<std::string> argv;  // argv[0] is the program's name as shown
  std::string stdout_file;        // created or truncated
  std::string stderr_file;
};

struct ChildOutcome {
  size_t job = 0;        // the index given to start()
  int exit_code = -1;    // -1 when killed by a signal
  int signal = 0;        // the signal that killed it, else 0
  double wall_s = 0;
  double cpu_s = 0;      // user + system time of the child: its cost, whatever else loads the machine
};

// "exited with code 3", "was killed by signal 9 (Killed)".
std::string describe_outcome(const ChildOutcome& outcome);

class ProcessPool {
public:
  explicit ProcessPool(size_t max_running) : max_running_(max_running < 1 ? 1 : max_running) {}
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;
  ~ProcessPool();  // kills and reaps children still running (an exception unwound the sweep)

  bool full() const { return running_.size() >= max_running_; }
  size_t running() const { return running_.size(); }
  // Starts `command` as job `job`. Throws std::runtime_error when fork fails. A program that
  // cannot be executed exits 127 with the reason in its stderr file.
  void start(size_t job, const ChildCommand& command);
  // The next child to finish, waiting at most `timeout`; nullopt if none finished by then (or
  // none is running).
  std::optional<ChildOutcome> wait_any(std::chrono::milliseconds timeout);
  // Sends `signal` to every running child.
  void signal_all(int signal) const;

private:
  struct Running {
    pid_t pid;
    size_t job;
    std::chrono::steady_clock::time_point started;
  };
  size_t max_running_;
  std::vector<Running> running_;
};

} // namespace afdsim
