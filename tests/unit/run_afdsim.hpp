#pragma once
// Runs a shell command, capturing exit code, stdout and stderr: the real `afdsim` binary
// (AFDSIM_BINARY) for tests of the command-line contract (exit codes, JSON on stdout, errors on
// stderr), and the project's scripts.
#include "test_files.hpp"

#include <sys/wait.h>
#include <unistd.h>

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

} // namespace afdsim::test
