#include "sim/engine/child_process.hpp"

#include "sim/engine/result_codec.hpp"
#include "sim/util/errors.hpp"

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

namespace afdsim {

namespace {

// First byte of the child's answer.
constexpr char kResult = 'R';
constexpr char kInputError = 'I';
constexpr char kOtherError = 'E';

void write_all(int fd, const std::string& bytes)
{
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return;  // the parent went away: nothing left to tell it
    done += static_cast<size_t>(n);
  }
}

std::string read_all(int fd)
{
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return bytes;
    bytes.append(buffer, static_cast<size_t>(n));
  }
}

[[noreturn]] void run_child(int fd, const std::function<SimulationResult()>& simulation)
{
  std::string answer;
  try {
    answer = kResult + encode_result(simulation());
  } catch (const InputError& e) {
    answer = kInputError + std::string(e.what());
  } catch (const std::exception& e) {
    answer = kOtherError + std::string(e.what());
  }
  write_all(fd, answer);
  ::close(fd);
  std::fflush(nullptr);
  ::_exit(0);  // skip the parent's atexit handlers and static destructors
}

std::string describe(int status)
{
  if (WIFSIGNALED(status))
    return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "exited with code " + std::to_string(WEXITSTATUS(status));
}

} // namespace

SimulationResult run_in_child_process(const std::function<SimulationResult()>& simulation)
{
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::cout.flush();  // buffered output would otherwise be written twice
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    run_child(fds[1], simulation);
  }
  ::close(fds[1]);
  const std::string answer = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (answer.empty() || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("simulation child process " + describe(status) + " without a result");
  const std::string body = answer.substr(1);
  if (answer[0] == kInputError)
    throw InputError(body);
  if (answer[0] == kOtherError)
    throw std::runtime_error(body);
  return decode_result(body);
}

} // namespace afdsim
