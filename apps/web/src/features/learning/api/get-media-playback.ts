import { mediaPlaybackSchema, type MediaPlayback } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { learningQueryKeys } from './keys';

/** GET /api/media/:mediaId/playback: signed, short-lived URLs (409 while the media is processed). */
export function getMediaPlayback(mediaId: string, signal?: AbortSignal): Promise<MediaPlayback> {
  return apiClient.get(`/media/${encodeURIComponent(mediaId)}/playback`, { schema: mediaPlaybackSchema, signal });
}

export function getMediaPlaybackQueryOptions(mediaId: string) {
  return queryOptions({
    queryKey: learningQueryKeys.playback(mediaId),
    queryFn: ({ signal }) => getMediaPlayback(mediaId, signal),
    // The URLs live for hours; a refetch would hand the player new URLs in the middle of playback.
    staleTime: 30 * 60_000,
    gcTime: 30 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** Only asks once the media is ready (the API answers 409 before). */
export function useMediaPlayback(mediaId: string | undefined, ready: boolean) {
  return useQuery({ ...getMediaPlaybackQueryOptions(mediaId ?? ''), enabled: ready && Boolean(mediaId) });
}
