#include "sim/deploy/deployment.hpp"

#include "sim/util/errors.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace afdsim {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Length of the run of characters starting at `i` that are all digits (or all non-digits).
size_t run_length(const std::string& s, size_t i)
{
  const bool digits = is_digit(s[i]);
  size_t j = i;
  while (j < s.size() && is_digit(s[j]) == digits)
    ++j;
  return j - i;
}

// Compares two digit runs as numbers without overflow: strip leading zeros, then length, then text.
int compare_numbers(const std::string& a, const std::string& b)
{
  const auto strip = [](const std::string& s) {
    const size_t nz = s.find_first_not_of('0');
    return nz == std::string::npos ? std::string() : s.substr(nz);
  };
  const std::string x = strip(a);
  const std::string y = strip(b);
  if (x.size() != y.size())
    return x.size() < y.size() ? -1 : 1;
  return x.compare(y);
}

std::string host_range(const std::vector<std::string>& sorted)
{
  if (sorted.empty())
    return "no hosts";
  if (sorted.size() == 1)
    return sorted.front();
  return sorted.front() + " .. " + sorted.back();
}

void check_list(const std::vector<std::string>& hosts, const std::string& key, int expected,
                const std::string& count_key, const std::set<std::string>& known,
                const std::vector<std::string>& sorted, const std::string& where)
{
  if (static_cast<int>(hosts.size()) != expected)
    throw InputError(where, key,
                     "lists " + std::to_string(hosts.size()) + " hosts but " + count_key + " is " +
                         std::to_string(expected));
  for (const auto& h : hosts)
    if (known.count(h) == 0)
      throw InputError(where, key,
                       "unknown host '" + h + "' (the platform has " + std::to_string(sorted.size()) +
                           " hosts: " + host_range(sorted) + ")");
}

// The first `count` hosts of `sorted` that are not in `taken`.
std::vector<std::string> first_free(const std::vector<std::string>& sorted, const std::set<std::string>& taken,
                                    int count)
{
  std::vector<std::string> picked;
  for (const auto& h : sorted) {
    if (static_cast<int>(picked.size()) == count)
      break;
    if (taken.count(h) == 0)
      picked.push_back(h);
  }
  return picked;
}

} // namespace

bool natural_less(const std::string& a, const std::string& b)
{
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const size_t la = run_length(a, i);
    const size_t lb = run_length(b, j);
    const std::string ra = a.substr(i, la);
    const std::string rb = b.substr(j, lb);
    const int c = is_digit(a[i]) && is_digit(b[j]) ? compare_numbers(ra, rb) : ra.compare(rb);
    if (c != 0)
      return c < 0;
    i += la;
    j += lb;
  }
  if ((a.size() - i) != (b.size() - j))
    return a.size() - i < b.size() - j;
  return a < b;  // equal up to leading zeros: any strict, consistent order
}

std::vector<std::string> natural_sorted(std::vector<std::string> names)
{
  std::sort(names.begin(), names.end(), natural_less);
  return names;
}

Placement place_workers(const std::vector<std::string>& platform_hosts, const DeploymentConfig& config,
                        const std::string& where)
{
  const std::vector<std::string> sorted = natural_sorted(platform_hosts);
  const std::set<std::string> known(sorted.begin(), sorted.end());
  const int r = config.attention_workers;
  const int f = config.ffn_workers;
  if (r < 1)
    throw InputError(where, "deployment.attention_workers", "must be at least 1, got " + std::to_string(r));
  if (f < 1)
    throw InputError(where, "deployment.ffn_workers", "must be at least 1, got " + std::to_string(f));
  if (static_cast<size_t>(r) + static_cast<size_t>(f) > sorted.size())
    throw InputError(where, "deployment.attention_workers",
                     std::to_string(r) + " attention + " + std::to_string(f) + " FFN workers need " +
                         std::to_string(r + f) + " GPUs but the platform has " + std::to_string(sorted.size()) +
                         " (" + host_range(sorted) + ")");

  Placement p;
  if (!config.attention_hosts.empty())
    check_list(config.attention_hosts, "deployment.attention_hosts", r, "deployment.attention_workers", known,
               sorted, where);
  if (!config.ffn_hosts.empty())
    check_list(config.ffn_hosts, "deployment.ffn_hosts", f, "deployment.ffn_workers", known, sorted, where);

  const std::set<std::string> explicit_ffn(config.ffn_hosts.begin(), config.ffn_hosts.end());
  p.attention_hosts = config.attention_hosts.empty() ? first_free(sorted, explicit_ffn, r) : config.attention_hosts;
  const std::set<std::string> attention_taken(p.attention_hosts.begin(), p.attention_hosts.end());
  p.ffn_hosts = config.ffn_hosts.empty() ? first_free(sorted, attention_taken, f) : config.ffn_hosts;

  // Every host at most once across both roles; name the list where the repeat appears.
  std::set<std::string> used;
  const auto claim = [&](const std::vector<std::string>& hosts, const std::string& key) {
    for (const auto& h : hosts)
      if (!used.insert(h).second)
        throw InputError(where, key, "host " + h + " is used twice (one GPU runs one worker)");
  };
  claim(p.attention_hosts, "deployment.attention_hosts");
  claim(p.ffn_hosts, config.ffn_hosts.empty() ? "deployment.attention_hosts" : "deployment.ffn_hosts");
  return p;
}

std::vector<std::string> place_colocated(const std::vector<std::string>& platform_hosts, const DeploymentConfig& config,
                                         const std::string& where)
{
  std::vector<std::string> sorted = natural_sorted(platform_hosts);
  if (config.gpus < 1)
    throw InputError(where, "deployment.gpus", "must be at least 1, got " + std::to_string(config.gpus));
  if (static_cast<size_t>(config.gpus) > sorted.size())
    throw InputError(where, "deployment.gpus",
                     std::to_string(config.gpus) + " colocated GPUs need " + std::to_string(config.gpus) +
                         " hosts but the platform has " + std::to_string(sorted.size()) + " (" + host_range(sorted) + ")");
  sorted.resize(static_cast<size_t>(config.gpus));
  return sorted;
}

} // namespace afdsim
