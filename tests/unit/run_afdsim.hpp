#pragma once
// Runs a shell command, capturing exit code, stdout and stderr: the real `afdsim` binary
// (AFDSIM_BINARY) for tests of the command-line contract (exit codes, JSON on stdout, errors on
// stderr), and the project's scripts; run_afdsim_interrupted signals the binary mid-run.
#include "test_files.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace afdsim::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline ProcessResult run_command(const std::string& command)
{
  char err_path[] = "/tmp/afdsim-test-stderr-XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0)
    close(fd);
  ProcessResult r;
  FILE* pipe = popen((command + " 2>" + err_path).c_str(), "r");
  if (pipe) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
      r.out.append(buf, n);
    const int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  r.err = read_text_file(err_path);
  std::remove(err_path);
  return r;
}

// `args` is appended to the binary's path as shell words (quote them yourself if needed).
inline ProcessResult run_afdsim(const std::string& args)
{
  return run_command("'" + std::string(AFDSIM_BINARY) + "' " + args);
}

// How run_afdsim_interrupted delivers its signal.
struct SignalDelivery {
  // To the binary's whole process group (it gets one of its own), as a terminal's Ctrl-C reaches
  // every process of the foreground job; else to the binary alone, as `kill PID`.
  bool whole_group = false;
  // Waits this long after the trigger before signalling: a line printed just before the work it
  // announces starts lets the work begin first.
  int delay_ms = 0;
};

// Starts the binary with `args` (shell words, as run_afdsim), waits for a line of its stderr that
// contains `trigger`, sends it `signal`, and collects the rest of its output. If the trigger never
// shows, no signal is sent and the result is that of the whole run.
inline ProcessResult run_afdsim_interrupted(const std::string& args, int signal, const std::string& trigger,
                                            const SignalDelivery& delivery = {})
{
  char out_path[] = "/tmp/afdsim-test-stdout-XXXXXX";
  const int out_fd = mkstemp(out_path);
  int err_pipe[2];
  ProcessResult r;
  if (out_fd < 0 || pipe(err_pipe) != 0)
    return r;
  const std::string command = "exec '" + std::string(AFDSIM_BINARY) + "' " + args;
  const pid_t pid = fork();
  if (pid == 0) {
    if (delivery.whole_group)
      setpgid(0, 0);
    dup2(out_fd, 1);
    dup2(err_pipe[1], 2);
    close(err_pipe[0]);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  if (delivery.whole_group)
    setpgid(pid, pid);  // as the child does: whichever runs first, the group exists before the signal
  close(out_fd);
  close(err_pipe[1]);
  bool sent = false;
  char buf[4096];
  ssize_t n;
  while ((n = read(err_pipe[0], buf, sizeof buf)) > 0) {
    r.err.append(buf, static_cast<size_t>(n));
    if (!sent && r.err.find(trigger) != std::string::npos) {
      if (delivery.delay_ms > 0)
        usleep(static_cast<useconds_t>(delivery.delay_ms) * 1000);
      kill(delivery.whole_group ? -pid : pid, signal);
      sent = true;
    }
  }
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text_file(out_path);
  std::remove(out_path);
  return r;
}

} // namespace afdsim::test
