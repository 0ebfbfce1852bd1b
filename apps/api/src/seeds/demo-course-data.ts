import type { Audience } from '@bdhv/contracts';
import type { ClipSpec, PdfLine } from './demo-media';

/**
 * The demo course: a short, real introduction to basic digital skills. Its videos are test clips
 * generated at seed time (see demo-media.ts); the text lessons and the PDF are real content.
 */

export const DEMO_TRAINER_EMAIL = 'giangvien@demo.hocvuso.vn';
/** Enrolled with some progress, so "My learning" and the trainer's enrolment table show data. */
export const DEMO_LEARNER_EMAIL = 'canbo@demo.hocvuso.vn';

export type DemoLessonSpec =
  | { type: 'video'; title: string; fileName: string; clip: ClipSpec; captions: [number, number, string][] }
  | { type: 'text'; title: string; html: string }
  | { type: 'attachment'; title: string; fileName: string; pdf: { title: string; lines: PdfLine[] } };

export interface DemoCourseSpec {
  slug: string;
  title: string;
  summary: string;
  category: string;
  tags: string[];
  targetAudiences: Audience[];
  estimatedMinutes: number;
  modules: { title: string; lessons: DemoLessonSpec[] }[];
}

const PASSWORD_HTML = `
<h2>Vì sao mật khẩu quan trọng?</h2>
<p>Mật khẩu là “chìa khóa” của thư điện tử, mạng xã hội, ứng dụng ngân hàng và tài khoản dịch vụ công
trực tuyến. Người xấu có được mật khẩu của bạn có thể chiếm tài khoản, mạo danh bạn để vay tiền người
thân, hoặc rút tiền trong tài khoản.</p>

<h2>Thế nào là một mật khẩu mạnh?</h2>
<ul>
  <li><strong>Đủ dài</strong>: ít nhất 12 ký tự. Độ dài làm mật khẩu khó dò hơn nhiều so với vài ký hiệu lạ.</li>
  <li><strong>Khó đoán</strong>: không dùng họ tên, ngày sinh, số điện thoại, biển số xe hay những chuỗi quen thuộc như <em>123456</em>, <em>matkhau</em>, <em>abc123</em>.</li>
  <li><strong>Đa dạng</strong>: có cả chữ hoa, chữ thường, chữ số và ký hiệu (ví dụ ! @ # ?).</li>
  <li><strong>Không dùng lại</strong>: mỗi tài khoản quan trọng (thư điện tử, ngân hàng, dịch vụ công) một mật khẩu riêng. Nếu một trang bị lộ dữ liệu, các tài khoản khác vẫn an toàn.</li>
</ul>

<h2>Cách tạo mật khẩu dễ nhớ mà vẫn mạnh</h2>
<p>Hãy nghĩ ra một câu chỉ mình bạn biết rồi lấy chữ cái đầu của mỗi từ, giữ lại chữ số và thêm ký hiệu.
Ví dụ, câu “Mùa thu năm 2025 nhà tôi lên Mẫu Sơn ngắm mây” cho ra <strong>Mtn2025ntlMSnm!</strong>
(15 ký tự). Đừng dùng đúng ví dụ này: hãy tự đặt câu của riêng bạn.</p>

<h2>Giữ tài khoản luôn an toàn</h2>
<ol>
  <li>Bật <strong>xác thực hai lớp</strong> (mã OTP qua tin nhắn hoặc ứng dụng xác thực) cho thư điện tử, mạng xã hội và ngân hàng.</li>
  <li><strong>Không bao giờ</strong> đọc mật khẩu hay mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng, nhà mạng hay công an.</li>
  <li>Không ghi mật khẩu vào giấy dán cạnh máy tính, tin nhắn hay ảnh chụp màn hình. Có thể dùng trình quản lý mật khẩu uy tín.</li>
  <li>Đổi mật khẩu ngay khi nghi bị lộ, và đăng xuất khỏi các thiết bị lạ.</li>
  <li>Đặt mã khóa màn hình cho điện thoại và cập nhật hệ điều hành, ứng dụng thường xuyên.</li>
</ol>

<p><strong>Tự kiểm tra:</strong> mật khẩu thư điện tử của bạn có dài từ 12 ký tự trở lên, không chứa ngày
sinh và không dùng chung với tài khoản nào khác không? Nếu chưa, hãy đổi ngay hôm nay.</p>
`;

const SCAMS_HTML = `
<h2>Những chiêu lừa đảo thường gặp</h2>
<ul>
  <li><strong>Giả danh cơ quan chức năng</strong>: gọi điện xưng là công an, tòa án, viện kiểm sát, báo bạn liên quan đến một vụ án và yêu cầu chuyển tiền để “xác minh”. Cơ quan nhà nước không giải quyết vụ việc qua điện thoại và không bao giờ yêu cầu chuyển tiền vào tài khoản cá nhân.</li>
  <li><strong>Tin nhắn kèm đường link giả</strong>: mạo danh ngân hàng, nhà mạng, điện lực, báo khóa tài khoản, trúng thưởng hoặc hoàn tiền, dẫn tới trang web giả để lấy mật khẩu và mã OTP.</li>
  <li><strong>Cài ứng dụng lạ</strong>: hướng dẫn tải tệp cài đặt (đuôi .apk) hoặc ứng dụng “dịch vụ công” giả để chiếm quyền điều khiển điện thoại. Chỉ cài ứng dụng từ CH Play hoặc App Store.</li>
  <li><strong>Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng</strong>: lúc đầu trả thưởng nhỏ để tạo lòng tin, sau đó đòi nạp số tiền ngày càng lớn.</li>
  <li><strong>Mượn danh người thân</strong>: chiếm tài khoản mạng xã hội của người quen rồi nhắn tin vay tiền, có khi gọi video vài giây bằng hình ảnh giả mạo.</li>
  <li><strong>Mua bán trực tuyến</strong>: hàng rẻ bất thường, yêu cầu đặt cọc hoặc chuyển khoản trước cho người bán không rõ danh tính.</li>
</ul>

<h2>Dấu hiệu cần cảnh giác</h2>
<p>Người lạ <strong>thúc giục</strong>, <strong>đe dọa</strong> hoặc <strong>hứa hẹn lợi ích lớn</strong>; yêu cầu
giữ bí mật với gia đình; đòi mật khẩu, mã OTP, số thẻ; gửi đường link có tên miền lạ hoặc sai chính tả.</p>

<h2>Quy tắc “Dừng lại – Kiểm tra – Báo tin”</h2>
<ol>
  <li><strong>Dừng lại</strong>: không vội chuyển tiền, không bấm vào đường link, không cung cấp thông tin.</li>
  <li><strong>Kiểm tra</strong>: gọi lại số tổng đài chính thức in trên thẻ ngân hàng hoặc trang web chính thức; gọi cho người thân bằng số điện thoại bạn đã biết.</li>
  <li><strong>Báo tin</strong>: trình báo cơ quan công an nơi gần nhất khi đã bị lừa; phản ánh tin nhắn rác bằng cú pháp <em>S [số gửi] [nội dung]</em> gửi 5656 và cuộc gọi rác bằng cú pháp <em>V [số gọi] [nội dung]</em> gửi 156.</li>
</ol>

<p>Hãy chia sẻ những điều này với cha mẹ, ông bà: người lớn tuổi thường là đối tượng bị nhắm tới.</p>
`;

export const DEMO_COURSE: DemoCourseSpec = {
  slug: 'ky-nang-so-co-ban',
  title: 'Kỹ năng số cơ bản',
  summary:
    'Khóa học nhập môn cho người dân và cán bộ: tạo mật khẩu mạnh, giữ an toàn tài khoản và nhận biết, phòng tránh lừa đảo trực tuyến. Gồm video ngắn, bài đọc và cẩm nang tóm tắt để tải về.',
  category: 'Kỹ năng số',
  tags: ['ky-nang-so-co-ban'],
  targetAudiences: ['resident', 'official'],
  estimatedMinutes: 20,
  modules: [
    {
      title: 'Bảo vệ tài khoản của bạn',
      lessons: [
        {
          type: 'video',
          title: 'Giới thiệu khóa học',
          fileName: 'gioi-thieu-khoa-hoc.mp4',
          clip: { seconds: 7, title: 'Kỹ năng số cơ bản', subtitle: 'Bài 1: Giới thiệu khóa học', toneHz: 440 },
          captions: [
            [0, 3.5, 'Chào mừng bạn đến với khóa học Kỹ năng số cơ bản.'],
            [3.5, 7, 'Khóa học giúp bạn giữ an toàn tài khoản và tránh lừa đảo trên mạng.'],
          ],
        },
        { type: 'text', title: 'Tạo mật khẩu mạnh và giữ tài khoản an toàn', html: PASSWORD_HTML },
      ],
    },
    {
      title: 'Phòng tránh lừa đảo trực tuyến',
      lessons: [
        {
          type: 'video',
          title: 'Dấu hiệu nhận biết lừa đảo',
          fileName: 'dau-hieu-nhan-biet-lua-dao.mp4',
          clip: { seconds: 6, title: 'Dấu hiệu nhận biết lừa đảo', subtitle: 'Dừng lại – Kiểm tra – Báo tin', toneHz: 523 },
          captions: [
            [0, 3, 'Kẻ lừa đảo thường thúc giục, đe dọa hoặc hứa hẹn lợi ích lớn.'],
            [3, 6, 'Không bao giờ đọc mã OTP cho người khác.'],
          ],
        },
        { type: 'text', title: 'Những chiêu lừa đảo thường gặp và cách phòng tránh', html: SCAMS_HTML },
        {
          type: 'attachment',
          title: 'Cẩm nang an toàn số (PDF)',
          fileName: 'cam-nang-an-toan-so.pdf',
          pdf: {
            title: 'Cẩm nang an toàn số — Kỹ năng số cơ bản',
            lines: [
              { text: 'Cẩm nang an toàn số', size: 20, bold: true },
              { text: 'Khóa học Kỹ năng số cơ bản - Bình dân học vụ số, tỉnh Lạng Sơn', size: 11 },
              { text: '(Bản tóm tắt để in, viết không dấu để mở được trên mọi máy.)', size: 9, spaceBefore: 2 },
              { text: '1. Mật khẩu mạnh', size: 14, bold: true, spaceBefore: 14 },
              { text: '- Ít nhất 12 ký tự, có chữ hoa, chữ thường, chữ số và ký hiệu.' },
              { text: '- Không dùng họ tên, ngày sinh, số điện thoại, 123456 hay "matkhau".' },
              { text: '- Mỗi tài khoản quan trọng một mật khẩu riêng; đổi ngay khi nghi bị lộ.' },
              { text: '- Mẹo: lấy chữ cái đầu của một câu chỉ bạn biết, giữ lại chữ số, thêm ký hiệu.' },
              { text: '2. Giữ tài khoản an toàn', size: 14, bold: true, spaceBefore: 14 },
              { text: '- Bật xác thực hai lớp (mã OTP) cho thư điện tử, mạng xã hội và ngân hàng.' },
              { text: '- Không bao giờ đọc mật khẩu hay mã OTP cho bất kỳ ai.' },
              { text: '- Đặt mã khóa màn hình, cập nhật điện thoại và ứng dụng thường xuyên.' },
              { text: '- Chỉ cài ứng dụng từ CH Play hoặc App Store, không cài tệp .apk do người lạ gửi.' },
              { text: '3. Nhận biết lừa đảo', size: 14, bold: true, spaceBefore: 14 },
              { text: '- Giả danh công an, tòa án, ngân hàng, nhà mạng, điện lực để đòi chuyển tiền hoặc mã OTP.' },
              { text: '- Tin nhắn báo khóa tài khoản, trúng thưởng, hoàn tiền kèm đường link lạ.' },
              { text: '- Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng, đòi nạp tiền trước.' },
              { text: '- Người quen nhắn tin vay tiền gấp: hãy gọi lại bằng số điện thoại bạn đã biết.' },
              { text: '4. Dừng lại - Kiểm tra - Báo tin', size: 14, bold: true, spaceBefore: 14 },
              { text: 'Dừng lại: không vội chuyển tiền, không bấm đường link, không cung cấp thông tin.' },
              { text: 'Kiểm tra: gọi số tổng đài chính thức in trên thẻ hoặc trang web chính thức.' },
              { text: 'Báo tin: trình báo công an nơi gần nhất; tin nhắn rác: S [số gửi] [nội dung] gửi 5656; cuộc gọi rác: V [số gọi] [nội dung] gửi 156.' },
            ],
          },
        },
      ],
    },
  ],
};
