#pragma once
// Two kinds of failure, two exit codes (brief §7): bad user input exits 2, anything else exits 1.
#include <stdexcept>
#include <string>

namespace afdsim {

// Invalid input: unreadable or malformed file, unknown key, value out of range, infeasible scenario.
// what() is the whole message: "<where>: <dotted.key>: <reason>", where <where> is "file:line:col",
// "file", or "--set" for command-line overrides.
class InputError : public std::runtime_error {
public:
  InputError(const std::string& where, const std::string& key, const std::string& reason)
      : std::runtime_error(format(where, key, reason))
  {
  }
  explicit InputError(const std::string& message) : std::runtime_error(message) {}

private:
  static std::string format(const std::string& where, const std::string& key, const std::string& reason)
  {
    std::string s = where;
    if (!key.empty())
      s += (s.empty() ? "" : ": ") + key;
    return s + (s.empty() ? "" : ": ") + reason;
  }
};

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitInput = 2;

} // namespace afdsim
