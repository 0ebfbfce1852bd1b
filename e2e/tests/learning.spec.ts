import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectNoSeriousA11yViolations, signIn, signOut, watchConsole } from './support';

const TRAINER = { identifier: 'giangvien@demo.hocvuso.vn', password: 'GiangVien@2025', fullName: 'Lương Thị Giảng Viên' };
const RESIDENT = { identifier: 'nguoidan@demo.hocvuso.vn', password: 'NguoiDan@2025', fullName: 'Hà Thị Người Dân' };
const VIDEO_SECONDS = 16;

/** A real H.264/AAC clip made by ffmpeg for this run (720p, so the whole 240p/360p/720p ladder is built). */
function makeVideo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-video-'));
  const file = path.join(dir, 'bai-giang-an-toan-mang.mp4');
  execFileSync(
    process.env.FFMPEG_PATH || 'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=25:duration=${VIDEO_SECONDS}`,
      '-f', 'lavfi', '-i', `sine=frequency=440:duration=${VIDEO_SECONDS}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
    ],
    { stdio: 'inherit' },
  );
  return file;
}

/** A picture for the text lesson (a PNG drawn by ffmpeg). */
function makePicture(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-picture-')), 'o-khoa.png');
  execFileSync(process.env.FFMPEG_PATH || 'ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x1c7ed6:s=320x180', '-frames:v', '1', file], { stdio: 'inherit' });
  return file;
}

/** Seconds the page's <video> has played to. */
function currentTime(page: Page): Promise<number> {
  return page.locator('video').first().evaluate((v: HTMLVideoElement) => v.currentTime);
}

test.describe('courses and learning', () => {
  test('a trainer publishes a video course; a resident finds it without diacritics, watches through HLS, resumes after a reload and finishes the text lesson', async ({ page }) => {
    test.setTimeout(240_000);
    const problems = watchConsole(page);
    const video = makeVideo();
    const stamp = Date.now().toString(36);
    const title = `An toàn trên mạng cho người dân ${stamp}`;

    // ---- Trainer: create, upload, wait for processing, add a text lesson, publish ----
    await signIn(page, TRAINER.identifier, TRAINER.password);
    await page.goto('/giang-day');
    await expect(page.getByRole('heading', { level: 1, name: 'Khóa học của tôi' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('link', { name: 'Tạo khóa học' }).click();
    await page.getByLabel('Tên khóa học').fill(title);
    await page.getByLabel('Mô tả ngắn').fill('Nhận biết lừa đảo qua mạng và giữ an toàn tài khoản.');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Tạo khóa học' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    await page.getByRole('tab', { name: 'Nội dung' }).click();
    await page.getByRole('button', { name: 'Thêm chương' }).click();
    await page.getByLabel('Tên chương').fill('Nhận biết lừa đảo');
    await page.getByRole('button', { name: 'Lưu chương' }).click();

    await page.getByRole('button', { name: 'Thêm bài học' }).first().click();
    await page.getByLabel('Tên bài học').fill('Video: các chiêu lừa đảo thường gặp');
    await page.getByLabel('Loại bài học').selectOption({ label: 'Video' });
    await page.getByRole('button', { name: 'Lưu bài học' }).click();
    await page.getByLabel('Chọn tệp video').setInputFiles(video);
    const upload = page.getByRole('progressbar', { name: 'Tiến độ tải lên' });
    await expect(page.getByText('Sẵn sàng')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText(/240p.*360p.*720p/)).toBeVisible();
    await expect(upload).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Thêm bài học' }).first().click();
    await page.getByLabel('Tên bài học').fill('Đọc: năm dấu hiệu của tin nhắn lừa đảo');
    await page.getByLabel('Loại bài học').selectOption({ label: 'Văn bản' });
    await page.getByRole('button', { name: 'Lưu bài học' }).click();
    const editor = page.getByLabel('Nội dung bài học');
    await editor.click();
    await editor.fill('Không bao giờ cung cấp mã OTP cho bất kỳ ai, kể cả người tự xưng là cán bộ ngân hàng.');
    // A picture uploaded into the text, with its text alternative.
    await page.getByRole('button', { name: 'Chèn ảnh' }).click();
    await page.getByLabel('Chọn ảnh (JPEG, PNG hoặc WebP)').setInputFiles(makePicture());
    await page.getByLabel('Mô tả ảnh cho người không nhìn thấy').fill('Biểu tượng ổ khóa trên thanh địa chỉ');
    await page.getByRole('button', { name: 'Chèn', exact: true }).click();
    await expect(editor.getByRole('img', { name: 'Biểu tượng ổ khóa trên thanh địa chỉ' })).toBeVisible();
    await page.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect(page.getByText('Đã lưu')).toBeVisible();

    await page.getByRole('button', { name: 'Xuất bản' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xuất bản' }).click();
    await expect(page.getByRole('main').getByText('Đã xuất bản', { exact: true })).toBeVisible();
    await signOut(page, TRAINER.fullName);

    // ---- Resident: search without diacritics, enrol, watch through HLS ----
    await signIn(page, RESIDENT.identifier, RESIDENT.password);
    await page.goto('/khoa-hoc');
    await expect(page.getByRole('heading', { level: 1, name: 'Khóa học' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Tìm khóa học' }).fill(`an toan tren mang cho nguoi dan ${stamp}`);
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Ghi danh' }).click();
    await expect(page.getByRole('progressbar', { name: 'Tiến độ khóa học' })).toHaveAttribute('aria-valuenow', '0');

    const hlsRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/media\/stream\/.+\.(m3u8|ts)$/.test(new URL(r.url()).pathname)) hlsRequests.push(r.url());
    });
    const heartbeats: Array<{ ranges: number[][]; position: number }> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/progress\/lessons\/[^/]+\/heartbeat$/.test(r.url())) heartbeats.push(r.postDataJSON());
    });

    await page.getByRole('link', { name: 'Tiếp tục học' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Video: các chiêu lừa đảo thường gặp' })).toBeVisible();
    const player = page.getByRole('region', { name: 'Video: các chiêu lừa đảo thường gặp' });
    await player.getByRole('button', { name: /Phát|Play/ }).first().click();
    await expect.poll(() => currentTime(page), { timeout: 30_000 }).toBeGreaterThan(6);
    await page.locator('video').first().evaluate((v: HTMLVideoElement) => v.pause());
    const pausedAt = await currentTime(page);
    // The pause report carries what was actually played.
    await expect.poll(() => heartbeats.some((h) => h.ranges.some(([s, e]) => e - s > 4))).toBe(true);
    expect(hlsRequests.some((u) => u.endsWith('.m3u8'))).toBe(true);
    expect(hlsRequests.some((u) => u.endsWith('.ts'))).toBe(true);
    // The learner can pin a rendition of the HLS ladder.
    await page.getByRole('textbox', { name: 'Chất lượng video' }).click();
    for (const q of ['Tự động', '720p', '360p', '240p']) await expect(page.getByRole('option', { name: q, exact: true })).toBeVisible();
    await page.getByRole('option', { name: '240p', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Chất lượng video' })).toHaveValue('240p');
    await expectNoSeriousA11yViolations(page);

    // ---- Reload: the player resumes at the saved position ----
    await page.reload();
    await expect(page.getByText(/Tiếp tục từ 0:0[5-9]/)).toBeVisible();
    await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(pausedAt - 2);

    // ---- Text lesson: reaching its end completes it ----
    await page.getByRole('link', { name: /Bài tiếp theo/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Đọc: năm dấu hiệu của tin nhắn lừa đảo' })).toBeVisible();
    await expect(page.getByText('Không bao giờ cung cấp mã OTP')).toBeVisible();
    const picture = page.getByRole('main').getByRole('img', { name: 'Biểu tượng ổ khóa trên thanh địa chỉ' });
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await page.getByRole('button', { name: 'Tôi đã đọc xong' }).click();
    await expect(page.getByText('Đã hoàn thành').first()).toBeVisible();

    // ---- Course page: progress shows the finished lesson ----
    await page.goto('/hoc-tap-cua-toi');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await page.getByRole('link', { name: title }).click();
    const courseProgress = page.getByRole('progressbar', { name: 'Tiến độ khóa học' });
    await expect(courseProgress).toHaveAttribute('aria-valuenow', '50');
    await expectNoSeriousA11yViolations(page);

    // ---- On a 360-pixel phone: nothing scrolls sideways, the outline is one tap away ----
    await page.setViewportSize({ width: 360, height: 740 });
    for (const url of ['/khoa-hoc', page.url(), '/hoc-tap-cua-toi']) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoSeriousA11yViolations(page);
    }
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('link', { name: 'Tiếp tục học' }).click();
    await page.getByRole('button', { name: 'Mục lục khóa học' }).click();
    await expect(page.getByRole('dialog').getByText('Đọc: năm dấu hiệu của tin nhắn lừa đảo')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 720 });
    await signOut(page, RESIDENT.fullName);
    expect(problems).toEqual([]);
  });
});
