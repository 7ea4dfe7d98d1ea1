-- GET BENCH_PATH as a rotating signed-in member; {member} and {branch} in the path are filled in.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
load_tokens()
local path = os.getenv("BENCH_PATH")

request = function()
  local caller = next_caller()
  local p = path:gsub("{member}", caller.member):gsub("{branch}", caller.branch)
  return wrk.format("GET", p, { ["Authorization"] = "Bearer " .. caller.token })
end

done = report
