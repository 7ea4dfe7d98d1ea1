-- GET BENCH_PATH with no token.
package.path = "bench/lua/?.lua;" .. package.path
require "common"
local path = os.getenv("BENCH_PATH")

request = function()
  return wrk.format("GET", path)
end

done = report
