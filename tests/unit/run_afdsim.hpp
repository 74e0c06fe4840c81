#pragma once
// Runs the real `afdsim` binary (AFDSIM_BINARY) with arguments, capturing exit code, stdout and
// stderr: for tests of the command-line contract (exit codes, JSON on stdout, errors on stderr).
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace afdsim::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `args` is appended to the binary's path as shell words (quote them yourself if needed).
inline ProcessResult run_afdsim(const std::string& args)
{
  char err_path[] = "/tmp/afdsim-test-stderr-XXXXXX";
  const int fd = mkstemp(err_path);
  if (fd >= 0)
    close(fd);
  const std::string cmd = "'" + std::string(AFDSIM_BINARY) + "' " + args + " 2>" + err_path;
  ProcessResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe)
    return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
    r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  r.err = ss.str();
  std::remove(err_path);
  return r;
}

} // namespace afdsim::test
