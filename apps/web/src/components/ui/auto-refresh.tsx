'use client';
// Re-renders the page's server components every few seconds while something it shows is running
// (live training progress), and stops when it is not.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function AutoRefresh({ active, seconds = 2 }: { active: boolean; seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [active, seconds, router]);
  return null;
}
