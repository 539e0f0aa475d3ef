// [model] soc::ThreadReaper: threads still waiting when the simulation
// stops are killed and their stacks unwound (the objects their frames own
// are destroyed); finished threads and method processes are left alone.
// Its own sc_main (the reaper runs after the last sc_start, outside any
// test thread), so plain checks and the exit code instead of Catch.
#include <cstdio>

#include <systemc>

#include "soc/thread_reaper.h"

namespace {

int destroyed = 0;

struct Owned {
    ~Owned() { ++destroyed; }
};

struct Threads : sc_core::sc_module {
    SC_HAS_PROCESS(Threads);
    sc_core::sc_event never;
    int method_runs = 0;
    explicit Threads(sc_core::sc_module_name name) : sc_module(name) {
        SC_THREAD(periodic);
        SC_THREAD(blocked);
        SC_THREAD(finishes);
        SC_METHOD(method);
    }
    void periodic() {
        Owned o;
        for (;;) wait(sc_core::sc_time(1, sc_core::SC_NS));
    }
    void blocked() {
        Owned o;
        wait(never);
    }
    void finishes() { Owned o; }
    void method() { ++method_runs; }
};

int failures = 0;

void check(bool ok, const char* what) {
    std::printf("%s: %s\n", ok ? "ok" : "FAILED", what);
    failures += !ok;
}

}  // namespace

int sc_main(int, char*[]) {
    Threads t("threads");
    socsim::soc::ThreadReaper reaper("reaper");
    sc_core::sc_start(sc_core::sc_time(10, sc_core::SC_NS), sc_core::SC_EXIT_ON_STARVATION);
    check(destroyed == 1, "before reap(): only the finished thread's frame is gone");
    sc_core::sc_time at = sc_core::sc_time_stamp();
    size_t killed = reaper.reap();
    check(killed == 2, "reap() kills the two waiting threads");
    check(destroyed == 3, "their frames' objects are destroyed");
    check(sc_core::sc_time_stamp() == at, "no simulated time passes");
    check(t.method_runs == 1, "the method process is not run again");
    check(reaper.reap() == 2 && destroyed == 3, "a second reap() does nothing");
    return failures == 0 ? 0 : 1;
}
