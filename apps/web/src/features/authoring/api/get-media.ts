import { mediaAssetSchema, type MediaAsset } from '@bdhv/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys } from './keys';

/** How often a video being processed is asked about. */
export const MEDIA_POLL_INTERVAL_MS = 2_000;

/** The server is still working on it: uploading (from another tab) or transcoding. */
export function isMediaPending(media: Pick<MediaAsset, 'status'> | undefined): boolean {
  return media?.status === 'processing' || media?.status === 'uploading';
}

/** GET /api/media/:id: status, processing progress, renditions, poster. */
export function getMedia(id: string, signal?: AbortSignal): Promise<MediaAsset> {
  return apiClient.get(`/media/${encodeURIComponent(id)}`, { schema: mediaAssetSchema, signal });
}

export function getMediaQueryOptions(id: string) {
  return queryOptions({
    queryKey: authoringQueryKeys.media(id),
    queryFn: ({ signal }) => getMedia(id, signal),
    // Poll while processing; stop once ready or failed.
    refetchInterval: (query) => (isMediaPending(query.state.data) ? MEDIA_POLL_INTERVAL_MS : false),
    // The poster URL is signed; a ready asset is re-read now and then rather than kept forever.
    staleTime: 60_000,
  });
}

export function useMedia(id: string | null) {
  return useQuery({ ...getMediaQueryOptions(id ?? ''), enabled: id !== null });
}
