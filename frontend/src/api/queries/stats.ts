import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { keys } from "./keys";

export function useStats() {
  return useQuery({ queryKey: keys.stats, queryFn: () => unwrap(api.GET("/api/v1/stats")) });
}
