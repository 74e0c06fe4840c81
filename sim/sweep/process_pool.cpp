#include "sim/sweep/process_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace afdsim {

namespace {

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const ChildCommand& command, const char* program, char* const* argv, pid_t parent)
{
  const int out = ::open(command.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err = ::open(command.stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out < 0 || err < 0 || in < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
    ::_exit(126);
  // The parent may have died before prctl: then nobody would send the signal.
  if (::setpgid(0, 0) != 0 || ::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != parent) {
    const char* what = "afdsim: internal error: cannot set up the point's process (process group, parent-death signal)\n";
    (void)!::write(2, what, std::strlen(what));
    ::_exit(126);
  }
  ::execv(program, argv);
  const char* reason = std::strerror(errno);
  const char* what = "afdsim: internal error: cannot execute ";
  (void)!::write(2, what, std::strlen(what));
  (void)!::write(2, program, std::strlen(program));
  (void)!::write(2, ": ", 2);
  (void)!::write(2, reason, std::strlen(reason));
  (void)!::write(2, "\n", 1);
  ::_exit(127);
}

} // namespace

std::string describe_outcome(const ChildOutcome& outcome)
{
  if (outcome.signal != 0)
    return "was killed by signal " + std::to_string(outcome.signal) + " (" + strsignal(outcome.signal) + ")";
  return "exited with code " + std::to_string(outcome.exit_code);
}

ProcessPool::~ProcessPool()
{
  for (const auto& child : running_) {
    ::kill(child.pid, SIGTERM);
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void ProcessPool::signal_all(int signal) const
{
  for (const auto& child : running_)
    ::kill(child.pid, signal);
}

void ProcessPool::start(size_t job, const ChildCommand& command)
{
  std::vector<std::string> args = command.argv;  // execv wants char*; the copies outlive the fork
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0)
    exec_child(command, command.program.c_str(), argv.data(), parent);
  running_.push_back({pid, job, std::chrono::steady_clock::now()});
}

std::optional<ChildOutcome> ProcessPool::wait_any(std::chrono::milliseconds timeout)
{
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!running_.empty()) {
    for (size_t i = 0; i < running_.size(); ++i) {
      int status = 0;
      struct rusage usage {};
      const pid_t done = ::wait4(running_[i].pid, &status, WNOHANG, &usage);
      if (done != running_[i].pid)
        continue;
      ChildOutcome outcome;
      outcome.job = running_[i].job;
      const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
      outcome.cpu_s = seconds(usage.ru_utime) + seconds(usage.ru_stime);
      outcome.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - running_[i].started).count();
      if (WIFSIGNALED(status))
        outcome.signal = WTERMSIG(status);
      else
        outcome.exit_code = WEXITSTATUS(status);
      running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(i));
      return outcome;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling: children run for seconds
  }
  return std::nullopt;
}

} // namespace afdsim
