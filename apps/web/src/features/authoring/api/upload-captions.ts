import { mediaAssetSchema, type MediaAsset } from '@bdhv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { authoringQueryKeys } from './keys';

export interface UploadCaptionsVariables {
  mediaId: string;
  file: File;
}

/** POST /api/media/:id/captions with the WebVTT file as the body (`Content-Type: text/vtt`). */
export function uploadCaptions({ mediaId, file }: UploadCaptionsVariables): Promise<MediaAsset> {
  // The file's own type may be empty or wrong (many systems do not know .vtt): the server needs text/vtt.
  const body = new Blob([file], { type: 'text/vtt' });
  return apiClient.post(`/media/${encodeURIComponent(mediaId)}/captions`, body, { schema: mediaAssetSchema });
}

export function useUploadCaptions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCaptions,
    onSuccess: (media) => queryClient.setQueryData(authoringQueryKeys.media(media.id), media),
  });
}
