#include "soc/thread_reaper.h"

#include <vector>

namespace socsim::soc {

namespace {

void collect_threads(const std::vector<sc_core::sc_object*>& objects, std::vector<sc_core::sc_process_handle>& out) {
    for (sc_core::sc_object* o : objects) {
        sc_core::sc_process_handle h(o);
        if (h.valid() && (h.proc_kind() == sc_core::SC_THREAD_PROC_ || h.proc_kind() == sc_core::SC_CTHREAD_PROC_))
            out.push_back(h);
        collect_threads(o->get_child_objects(), out);
    }
}

}  // namespace

ThreadReaper::ThreadReaper(sc_core::sc_module_name name) : sc_module(name) {
    SC_HAS_PROCESS(ThreadReaper);
    SC_METHOD(kill_waiting);
    sensitive << request_;
    dont_initialize();
}

size_t ThreadReaper::reap() {
    if (done_) return killed_;
    request_.notify(sc_core::SC_ZERO_TIME);
    // The notification is taken up in the delta cycle after the first
    // call; a couple more cover the threads' unwinding.
    for (int i = 0; i < 4 && !done_; ++i) sc_core::sc_start(sc_core::SC_ZERO_TIME);
    return killed_;
}

void ThreadReaper::kill_waiting() {
    std::vector<sc_core::sc_process_handle> threads;
    collect_threads(sc_core::sc_get_top_level_objects(), threads);
    for (sc_core::sc_process_handle& h : threads) {
        if (h.terminated()) continue;
        h.kill();
        ++killed_;
    }
    done_ = true;
}

}  // namespace socsim::soc
