// Several `socsim` commands at once, each a child process, at most `jobs`
// at a time (the machines that run the suite have 2 cores). Catch2's
// assertions are not thread-safe, so the threads only run processes; the
// test checks the results afterwards, in the order of `runs`.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "support/run_command.h"

namespace socsim::test {

inline std::vector<CommandResult> run_socsim_parallel(const std::vector<std::vector<std::string>>& runs,
                                                      unsigned jobs = 2) {
    std::vector<CommandResult> results(runs.size());
    std::vector<std::exception_ptr> failures(runs.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < runs.size(); i = next++) {
            try {
                results[i] = run_socsim(runs[i]);
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < std::max(1u, jobs); ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);
    return results;
}

}  // namespace socsim::test
