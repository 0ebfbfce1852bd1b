import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { LessonMediaController, MediaController, MediaUploadsController } from './media.controller';
import { MediaLessonTypes } from './media-lesson.types';
import { MediaProcessor } from './media.processor';
import { MediaService } from './media.service';

/**
 * Lesson media: resumable uploads, transcoding jobs, signed playback. Loaded by the API and the
 * worker (the processor registers the `media.process` handler in both).
 */
@Module({
  imports: [CoursesModule],
  controllers: [MediaUploadsController, MediaController, LessonMediaController],
  providers: [MediaService, MediaProcessor, MediaLessonTypes],
  exports: [MediaService],
})
export class MediaModule {}
